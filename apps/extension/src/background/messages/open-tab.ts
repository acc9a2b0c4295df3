import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { ApiResult, OpenTabRequest } from "../../messaging/contract.ts";
import { handleOpenTab } from "../open-tab.ts";

const handler: PlasmoMessaging.MessageHandler<OpenTabRequest, ApiResult<null>> = async (
  req,
  res,
) => {
  res.send(
    await handleOpenTab(req.body as OpenTabRequest, (properties) => chrome.tabs.create(properties)),
  );
};

export default handler;
