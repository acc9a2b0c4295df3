import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { StreamPortMessage, StreamPortRequest } from "../../messaging/contract.ts";
import { createStreamPortHandler } from "../follow-streams.ts";
import { keepAliveWhile } from "../keep-alive.ts";
import { streamHub } from "../services.ts";

const handlePort = createStreamPortHandler(streamHub);
const keepAlive = keepAliveWhile(() => streamHub.size > 0);

const handler: PlasmoMessaging.PortHandler<StreamPortRequest, StreamPortMessage> = (req) => {
  if (!req.port) return;
  handlePort(req.port, req.body);
  keepAlive();
};

export default handler;
