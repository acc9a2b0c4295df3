import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { ApiResult, OpenTabRequest } from "../../messaging/contract.ts";
import { identifyCaller, mayOpenTab } from "../access.ts";
import { handleOpenTab } from "../open-tab.ts";

const handler: PlasmoMessaging.MessageHandler<OpenTabRequest, ApiResult<null>> = async (
  req,
  res,
) => {
  if (!mayOpenTab(identifyCaller(req.sender ?? {}, chrome.runtime.id, chrome.runtime.getURL("")))) {
    res.send({
      ok: false,
      error: {
        code: "FORBIDDEN",
        domainCode: null,
        message: "Only the Coinstream popup and dashboard open tabs.",
        details: {},
        fieldErrors: {},
      },
    });
    return;
  }
  res.send(
    await handleOpenTab(req.body as OpenTabRequest, (properties) => chrome.tabs.create(properties)),
  );
};

export default handler;
