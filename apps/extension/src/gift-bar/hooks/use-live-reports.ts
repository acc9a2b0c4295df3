import { useEffect } from "react";
import type { ApiClient } from "../../messaging/api-client.ts";
import { isPageLive } from "../../site-adapters/adapters.ts";
import type { SiteAdapter } from "../../site-adapters/site-adapter.ts";
import type { PageTarget } from "../lib/page-target.ts";

/** How often a live page says so: the API keeps a session open while the reports go on. */
export const LIVE_REPORT_MS = 60_000;

/**
 * While the launcher shows a creator who can receive gifts and the page shows the stream live
 * (its adapter's live signals), tells the API every minute, so a viewer event can start the
 * creator's session by itself. The background sends at most one a minute per tab, and none while
 * signed out; a failure is only a missed minute.
 */
export function useLiveReports(
  api: ApiClient,
  win: Pick<Window, "document" | "setTimeout" | "clearTimeout">,
  adapter: SiteAdapter,
  target: PageTarget | null,
): void {
  const key = target?.key ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `target`.
  useEffect(() => {
    if (!target) return;
    let timer = 0;
    const report = () => {
      if (isPageLive(adapter, win.document)) {
        api.streams.reportLive.mutate({ to: target.to }).catch(() => {});
      }
      timer = win.setTimeout(report, LIVE_REPORT_MS);
    };
    report();
    return () => win.clearTimeout(timer);
  }, [api, win, adapter, key]);
}
