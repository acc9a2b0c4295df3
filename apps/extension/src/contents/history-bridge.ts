/*
 * Runs in the page's own JavaScript world on the single-page sites, where the page calls
 * history.pushState / replaceState: wraps both to announce each change with a window event the
 * gift bar's isolated content script listens for (gift-bar/lib/page-watcher.ts). It sends no
 * data and reads nothing; the gift bar also polls the URL, so nothing depends on this alone.
 */
import type { PlasmoCSConfig } from "plasmo";
import { HISTORY_CHANGE_EVENT } from "../gift-bar/lib/history-events.ts";

export const config: PlasmoCSConfig = {
  matches: [
    "https://*.twitch.tv/*",
    "https://*.youtube.com/*",
    "https://*.tiktok.com/*",
    "https://kick.com/*",
    "https://*.kick.com/*",
    "http://127.0.0.1/*",
    "http://localhost/*",
  ],
  world: "MAIN",
  run_at: "document_start",
};

const MARK = Symbol.for("coinstream.history-bridge");

function wrap(method: "pushState" | "replaceState") {
  const original = history[method];
  history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
    const result = original.apply(this, args);
    window.dispatchEvent(new Event(HISTORY_CHANGE_EVENT));
    return result;
  };
}

const marked = window as unknown as Record<symbol, boolean>;
if (!marked[MARK]) {
  marked[MARK] = true;
  wrap("pushState");
  wrap("replaceState");
}
