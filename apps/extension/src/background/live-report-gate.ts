/** The API needs one live report a minute per creator page; more would only be load. */
export const LIVE_REPORT_EVERY_MS = 60_000;

export interface LiveReportGate {
  /** True when this tab may report now: its last report (if any) was a minute ago or more. */
  take(tabId: number): boolean;
}

/**
 * At most one `streams.reportLive` a minute per tab, whatever the page's script does: the
 * content script runs in a renderer the page shares, so the background keeps the count.
 */
export function createLiveReportGate(now: () => number = Date.now): LiveReportGate {
  const lastAt = new Map<number, number>();
  return {
    take(tabId) {
      const at = now();
      // Tabs closed long ago are forgotten as the map is walked; it holds a minute of tabs.
      for (const [tab, last] of lastAt) if (at - last >= LIVE_REPORT_EVERY_MS) lastAt.delete(tab);
      if (lastAt.has(tabId)) return false;
      lastAt.set(tabId, at);
      return true;
    },
  };
}
