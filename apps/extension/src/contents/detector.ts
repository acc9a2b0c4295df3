/*
 * The only script on every web page: a few kilobytes, no framework, no API. It looks for the
 * `coinstream:creator` meta tag (now, or when a single-page site adds it) and asks the background
 * to inject the launcher into this tab; it sends nothing else and reads nothing else. The stream
 * sites get the launcher directly (./launcher.ts), so the detector stays off them.
 */
import type { PlasmoCSConfig } from "plasmo";
import { watchCreatorMeta } from "../lib/creator-meta.ts";
import type { ShowLauncherRequest } from "../messaging/contract.ts";

export const config: PlasmoCSConfig = {
  matches: ["https://*/*", "http://*/*"],
  exclude_matches: [
    // Plasmo reads this config statically: the list is written out (the same in ./launcher.ts's matches).
    "*://*.twitch.tv/*",
    "*://*.youtube.com/*",
    "*://*.tiktok.com/*",
    "*://*.kick.com/*",
  ],
  run_at: "document_idle",
  all_frames: false,
};

watchCreatorMeta(window, (declaredHandle) => {
  const body: ShowLauncherRequest = { declaredHandle };
  // The same envelope @plasmohq/messaging's sendToBackground sends, without its bundle.
  chrome.runtime.sendMessage({ name: "show-launcher", body }).catch(() => {
    // The extension was reloaded or updated under the page: nothing to show until it reloads.
  });
});
