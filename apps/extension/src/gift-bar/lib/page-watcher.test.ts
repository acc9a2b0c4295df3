import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HISTORY_CHANGE_EVENT } from "./history-events.ts";
import type { PageTarget } from "./page-target.ts";
import { toPageTarget } from "./page-target.ts";
import { type WatcherWindow, watchPage } from "./page-watcher.ts";
import { readPage } from "./read-page.ts";

/** The page window, with timers read at call time so fake timers apply. */
function pageWindow(navigation?: EventTarget): WatcherWindow {
  return {
    addEventListener: (type, listener) => window.addEventListener(type, listener),
    removeEventListener: (type, listener) => window.removeEventListener(type, listener),
    setTimeout: (handler, ms) => setTimeout(handler, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    setInterval: (handler, ms) => setInterval(handler, ms) as unknown as number,
    clearInterval: (id) => clearInterval(id),
    document,
    MutationObserver,
    navigation,
  };
}

const target = (key: string): PageTarget => ({ key, to: { handle: key } });

describe("watchPage", () => {
  let current: PageTarget | null;
  let seen: (string | null)[];
  let stop: () => void;
  const start = (win: WatcherWindow, pollMs = 1_000) => {
    stop = watchPage({
      win,
      read: () => current,
      onChange: (next) => seen.push(next?.key ?? null),
      pollMs,
      settleMs: 50,
    });
  };

  beforeEach(() => {
    current = target("nova");
    seen = [];
    document.head.innerHTML = "";
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it("reports the page's target once at start", () => {
    vi.useFakeTimers();
    start(pageWindow());
    expect(seen).toEqual(["nova"]);
  });

  it("re-reads after the history bridge announces a pushState, reporting only a new channel", () => {
    vi.useFakeTimers();
    start(pageWindow());
    window.dispatchEvent(new Event(HISTORY_CHANGE_EVENT));
    vi.advanceTimersByTime(60);
    expect(seen).toEqual(["nova"]);

    current = target("pixel");
    window.dispatchEvent(new Event(HISTORY_CHANGE_EVENT));
    vi.advanceTimersByTime(60);
    expect(seen).toEqual(["nova", "pixel"]);
  });

  it("follows back and forward (popstate) and leaving stream pages", () => {
    vi.useFakeTimers();
    start(pageWindow());
    current = null;
    window.dispatchEvent(new Event("popstate"));
    vi.advanceTimersByTime(60);
    expect(seen).toEqual(["nova", null]);
  });

  it("coalesces a burst of navigation signals into one read", () => {
    vi.useFakeTimers();
    const read = vi.fn(() => current);
    stop = watchPage({ win: pageWindow(), read, onChange: () => {}, settleMs: 50 });
    for (let i = 0; i < 5; i += 1) window.dispatchEvent(new Event("popstate"));
    vi.advanceTimersByTime(60);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("listens to the Navigation API when the browser has it", () => {
    vi.useFakeTimers();
    const navigation = new EventTarget();
    start(pageWindow(navigation));
    current = target("pixel");
    navigation.dispatchEvent(new Event("currententrychange"));
    vi.advanceTimersByTime(60);
    expect(seen).toEqual(["nova", "pixel"]);
  });

  it("catches a navigation no event announced with the URL poll", () => {
    vi.useFakeTimers();
    start(pageWindow(), 1_000);
    current = target("pixel");
    vi.advanceTimersByTime(999);
    expect(seen).toEqual(["nova"]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["nova", "pixel"]);
  });

  it("notices the creator meta tag changing without a navigation", async () => {
    document.head.innerHTML = '<meta name="coinstream:creator" content="nova">';
    stop = watchPage({
      win: pageWindow(),
      read: () => toPageTarget(readPage(document, "http://127.0.0.1:3000/stream")),
      onChange: (next) => seen.push(next?.key ?? null),
      pollMs: 60_000,
      settleMs: 10,
    });
    document.querySelector("meta")?.setAttribute("content", "pixel");
    await vi.waitFor(() => expect(seen).toEqual(["handle:nova", "handle:pixel"]));

    document.head.innerHTML = "";
    await vi.waitFor(() => expect(seen).toEqual(["handle:nova", "handle:pixel", null]));
  });

  it("stops listening when stopped", () => {
    vi.useFakeTimers();
    start(pageWindow());
    stop();
    current = target("pixel");
    window.dispatchEvent(new Event("popstate"));
    vi.advanceTimersByTime(5_000);
    expect(seen).toEqual(["nova"]);
  });
});
