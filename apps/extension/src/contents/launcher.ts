/*
 * The launcher and the gift animations, in a closed shadow root the page's scripts cannot open.
 * It runs by itself only on the stream sites below; on any other page the detector
 * (./detector.ts) finds the `coinstream:creator` meta tag and the background injects this same
 * script into that tab (background/show-launcher.ts). It reads the page's stream (URL, or the
 * meta tag, honoured only on that creator's verified website) and asks the background whether the
 * creator can receive gifts; everything private (balance, sending, confirming) happens in the
 * panel, the extension's own page in a frame. Like every part of the extension it reaches the API
 * only through the background, which lets it ask public things only.
 */
import type { PlasmoCSConfig } from "plasmo";
import { mountLauncher } from "../gift-bar/mount-launcher.tsx";

export const config: PlasmoCSConfig = {
  matches: [
    // Plasmo reads this config statically: the list is written out (the same in ./detector.ts).
    // Any scheme: the sites send http to https themselves, and the E2E's stand-in serves http.
    "*://*.twitch.tv/*",
    "*://*.youtube.com/*",
    "*://*.tiktok.com/*",
    "*://*.kick.com/*",
  ],
  run_at: "document_idle",
  all_frames: false,
};

mountLauncher(window);
