import type { PlasmoMessaging } from "@plasmohq/messaging";
import type {
  SpendConfirmationRequest,
  SpendConfirmationResult,
} from "../../messaging/contract.ts";
import { identifyCaller } from "../access.ts";
import { confirmWindows } from "../services.ts";

const handler: PlasmoMessaging.MessageHandler<
  SpendConfirmationRequest,
  SpendConfirmationResult
> = async (req, res) => {
  const caller = identifyCaller(req.sender ?? {}, chrome.runtime.id, chrome.runtime.getURL(""));
  res.send(confirmWindows.handleMessage(caller, req.body as SpendConfirmationRequest));
};

export default handler;
