import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { ApiRequest, ApiResult } from "../../messaging/contract.ts";
import { handleApiRequest } from "../handle-api-request.ts";
import { sessions, trpc } from "../services.ts";

const handler: PlasmoMessaging.MessageHandler<ApiRequest, ApiResult<unknown>> = async (
  req,
  res,
) => {
  res.send(await handleApiRequest(req.body as ApiRequest, { client: trpc, sessions }));
};

export default handler;
