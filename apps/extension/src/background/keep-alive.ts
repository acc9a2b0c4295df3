/** Chrome stops an idle service worker after 30 s; an extension API call resets that clock. */
const KEEP_ALIVE_MS = 20_000;

/**
 * Keeps the worker alive while `isBusy()` says streams are followed (an open SSE response alone
 * does not count as activity), and lets it sleep again once nobody follows anything.
 */
export function keepAliveWhile(isBusy: () => boolean): () => void {
  let timer: ReturnType<typeof setInterval> | null = null;
  return () => {
    if (timer !== null || !isBusy()) return;
    timer = setInterval(() => {
      if (!isBusy()) {
        if (timer !== null) clearInterval(timer);
        timer = null;
        return;
      }
      void chrome.runtime.getPlatformInfo().catch(() => {});
    }, KEEP_ALIVE_MS);
  };
}
