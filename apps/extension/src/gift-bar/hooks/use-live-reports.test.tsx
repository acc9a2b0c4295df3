import { cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../messaging/api-client.ts";
import { pageAdapter } from "../../site-adapters/adapters.ts";
import type { PageTarget } from "../lib/page-target.ts";
import { LIVE_REPORT_MS, useLiveReports } from "./use-live-reports.ts";

const TARGET: PageTarget = { key: "handle:nova", to: { handle: "nova" } };

function fakeApi() {
  const mutate = vi.fn(async (_input: unknown) => ({ reported: true }));
  return { api: { streams: { reportLive: { mutate } } } as unknown as ApiClient, mutate };
}

function setLive(live: boolean) {
  document.head.querySelector('meta[name="coinstream:live"]')?.remove();
  if (!live) return;
  const meta = document.createElement("meta");
  meta.name = "coinstream:live";
  meta.content = "true";
  document.head.append(meta);
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  setLive(false);
  vi.useRealTimers();
});

describe("useLiveReports", () => {
  it("reports the page's creator at once and then every minute while the page is live", () => {
    setLive(true);
    const { api, mutate } = fakeApi();
    renderHook(() => useLiveReports(api, window, pageAdapter, TARGET));
    expect(mutate.mock.calls).toEqual([[{ to: { handle: "nova" } }]]);
    vi.advanceTimersByTime(LIVE_REPORT_MS - 1);
    expect(mutate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(mutate).toHaveBeenCalledTimes(2);
  });

  it("says nothing while the page is not live, and starts when it goes live", () => {
    const { api, mutate } = fakeApi();
    renderHook(() => useLiveReports(api, window, pageAdapter, TARGET));
    expect(mutate).not.toHaveBeenCalled();
    setLive(true);
    vi.advanceTimersByTime(LIVE_REPORT_MS);
    expect(mutate).toHaveBeenCalledTimes(1);
  });

  it("says nothing without a resolved creator, and stops when the launcher goes", () => {
    setLive(true);
    const { api, mutate } = fakeApi();
    const { rerender, unmount } = renderHook(
      ({ target }: { target: PageTarget | null }) =>
        useLiveReports(api, window, pageAdapter, target),
      { initialProps: { target: null as PageTarget | null } },
    );
    vi.advanceTimersByTime(LIVE_REPORT_MS * 2);
    expect(mutate).not.toHaveBeenCalled();
    rerender({ target: TARGET });
    expect(mutate).toHaveBeenCalledTimes(1);
    unmount();
    vi.advanceTimersByTime(LIVE_REPORT_MS * 3);
    expect(mutate).toHaveBeenCalledTimes(1);
  });
});
