import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { StreamPortMessage, StreamPortRequest } from "../../messaging/contract.ts";
import { identifyCaller, mayFollowStreams } from "../access.ts";
import { createStreamPortHandler } from "../follow-streams.ts";
import { keepAliveWhile } from "../keep-alive.ts";
import { streamHub } from "../services.ts";

const handlePort = createStreamPortHandler(streamHub);
const keepAlive = keepAliveWhile(() => streamHub.size > 0);

const handler: PlasmoMessaging.PortHandler<StreamPortRequest, StreamPortMessage> = (req) => {
  if (!req.port) return;
  if (
    !mayFollowStreams(
      identifyCaller(req.port.sender ?? {}, chrome.runtime.id, chrome.runtime.getURL("")),
    )
  )
    return;
  handlePort(req.port, req.body);
  keepAlive();
};

export default handler;
