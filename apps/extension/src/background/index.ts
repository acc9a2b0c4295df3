/*
 * The background service worker: the only part of the extension that talks to the API and holds
 * the session. Plasmo wires the handlers in ./messages (auth, open-tab, show-launcher,
 * spend-confirmation) and ./ports (stream, trpc) to @plasmohq/messaging; pages reach them with
 * sendToBackground and getPort. The first install opens the welcome page.
 */
import { openWelcomeOnInstall } from "./welcome.ts";

chrome.runtime.onInstalled.addListener(
  openWelcomeOnInstall({
    openTab: (url) => chrome.tabs.create({ url }),
    pageUrl: (path) => chrome.runtime.getURL(path),
  }),
);
