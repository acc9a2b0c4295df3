import { WELCOME_PAGE } from "./access.ts";

/**
 * `chrome.runtime.onInstalled`: the first install opens the welcome page (Coinstream in three
 * steps, and signing in); updates and browser updates open nothing.
 */
export function openWelcomeOnInstall(deps: {
  readonly openTab: (url: string) => Promise<unknown>;
  readonly pageUrl: (path: string) => string;
}) {
  return (details: { readonly reason: string }): void => {
    if (details.reason !== "install") return;
    void deps.openTab(deps.pageUrl(WELCOME_PAGE)).catch(() => {
      // No window to open it in (a headless start): the popup signs in just the same.
    });
  };
}
