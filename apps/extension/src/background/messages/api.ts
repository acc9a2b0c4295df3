import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { ApiRequest, ApiResult } from "../../messaging/contract.ts";
import { identifyCaller } from "../access.ts";
import { handleCallerApiRequest } from "../handle-caller-request.ts";
import { confirmWindows, sessions, trpc } from "../services.ts";

const handler: PlasmoMessaging.MessageHandler<ApiRequest, ApiResult<unknown>> = async (
  req,
  res,
) => {
  const caller = identifyCaller(req.sender ?? {}, chrome.runtime.id, chrome.runtime.getURL(""));
  res.send(
    await handleCallerApiRequest(caller, req.body as ApiRequest, {
      client: trpc,
      sessions,
      confirmInWindow: confirmWindows.confirmInWindow,
    }),
  );
};

export default handler;
