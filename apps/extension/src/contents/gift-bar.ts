/*
 * The content script on every http(s) page: a small launcher and the gift animations, in a
 * closed shadow root the page's scripts cannot open. It reads the page's stream (URL, or the
 * `coinstream:creator` meta tag, honoured only on that creator's verified website) and asks the
 * background whether the creator can receive gifts; everything private (balance, sending,
 * confirming) happens in the panel, the extension's own page in a frame. Like every part of the
 * extension it reaches the API only through the background, which lets it ask public things only.
 */
import type { PlasmoCSConfig } from "plasmo";
import { mountLauncher } from "../gift-bar/mount-launcher.tsx";

export const config: PlasmoCSConfig = {
  matches: ["https://*/*", "http://*/*"],
  run_at: "document_idle",
  all_frames: false,
};

mountLauncher(window);
