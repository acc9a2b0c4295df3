import { describe, expect, it, vi } from "vitest";
import { HISTORY_CHANGE_EVENT } from "../gift-bar/lib/history-events.ts";

describe("history bridge", () => {
  it("announces the page's pushState and replaceState, once wrapped however often it loads", async () => {
    await import("./history-bridge.ts");
    vi.resetModules();
    await import("./history-bridge.ts");
    const seen = vi.fn();
    window.addEventListener(HISTORY_CHANGE_EVENT, seen);
    history.pushState(null, "", "/nova");
    history.replaceState(null, "", "/pixel");
    window.removeEventListener(HISTORY_CHANGE_EVENT, seen);
    expect(seen).toHaveBeenCalledTimes(2);
    expect(location.pathname).toBe("/pixel");
  });
});
