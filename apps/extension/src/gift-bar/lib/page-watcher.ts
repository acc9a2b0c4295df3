import { HISTORY_CHANGE_EVENT } from "./history-events.ts";
import type { PageTarget } from "./page-target.ts";

/** What the watcher needs from the page's window: events, timers and a MutationObserver. */
export interface WatcherWindow {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
  setInterval(handler: () => void, ms: number): number;
  clearInterval(id: number): void;
  readonly document: Document;
  readonly MutationObserver: typeof MutationObserver;
  /** The Navigation API (Chromium): fires for every same-document navigation, from any world. */
  readonly navigation?: EventTarget | undefined;
}

export interface WatchPageOptions {
  readonly win: WatcherWindow;
  /** Reads the page's current target (usually toPageTarget(readPage(...))). */
  readonly read: () => PageTarget | null;
  /** Called once at start and then each time the target's key changes (null: no creator). */
  readonly onChange: (target: PageTarget | null) => void;
  /**
   * Watch the whole document for changes (YouTube, where the owner link is rendered late);
   * otherwise only `<head>`, where the creator meta tag lives.
   */
  readonly watchBody?: boolean;
  /** The fallback poll of the URL, for navigations no event announces. */
  readonly pollMs?: number;
  /** Mutations are coalesced: at most one re-read per this many milliseconds. */
  readonly settleMs?: number;
}

/**
 * Follows a page through single-page navigation: history changes (through the main-world
 * bridge), popstate, hashchange, the Navigation API, YouTube's own navigation event, changes to
 * the meta tag (MutationObserver) and a slow URL poll as the fallback. `onChange` fires only
 * when the target's key changes, so a re-render of the same channel is not a new creator.
 * Returns a function that stops watching.
 */
export function watchPage(options: WatchPageOptions): () => void {
  const { win, read, onChange, watchBody = false, pollMs = 1_000, settleMs = 150 } = options;
  let lastKey: string | null | undefined;
  let pending: number | null = null;
  let stopped = false;

  const check = () => {
    if (stopped) return;
    const target = read();
    const key = target?.key ?? null;
    if (key === lastKey) return;
    lastKey = key;
    onChange(target);
  };
  const checkSoon = () => {
    if (pending !== null || stopped) return;
    pending = win.setTimeout(() => {
      pending = null;
      check();
    }, settleMs);
  };

  const windowEvents = [HISTORY_CHANGE_EVENT, "popstate", "hashchange"];
  for (const type of windowEvents) win.addEventListener(type, checkSoon);
  win.navigation?.addEventListener("currententrychange", checkSoon);
  win.document.addEventListener("yt-navigate-finish", checkSoon);

  const observer = new win.MutationObserver(checkSoon);
  const doc = win.document;
  const root = watchBody ? doc.documentElement : (doc.head ?? doc.documentElement);
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["content", "name", "href", "video-id"],
  });
  const poll = win.setInterval(check, pollMs);

  check();

  return () => {
    stopped = true;
    for (const type of windowEvents) win.removeEventListener(type, checkSoon);
    win.navigation?.removeEventListener("currententrychange", checkSoon);
    win.document.removeEventListener("yt-navigate-finish", checkSoon);
    observer.disconnect();
    win.clearInterval(poll);
    if (pending !== null) win.clearTimeout(pending);
  };
}
