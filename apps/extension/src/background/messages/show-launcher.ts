import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { ShowLauncherRequest, ShowLauncherResult } from "../../messaging/contract.ts";
import { identifyCaller } from "../access.ts";
import { launcherFiles, showLauncher } from "../show-launcher.ts";

const handler: PlasmoMessaging.MessageHandler<ShowLauncherRequest, ShowLauncherResult> = async (
  req,
  res,
) => {
  res.send(
    await showLauncher(identifyCaller(req.sender ?? {}, chrome.runtime.id), req.body, {
      files: () => launcherFiles(chrome.runtime.getManifest()),
      inject: (tabId, files) =>
        chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files }),
    }),
  );
};

export default handler;
