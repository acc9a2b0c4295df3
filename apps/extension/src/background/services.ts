import { API_URL } from "./config.ts";
import { createConfirmWindows } from "./confirm-window.ts";
import { createLiveReportGate } from "./live-report-gate.ts";
import { createTrustedSessionStore } from "./session-store.ts";
import { chromeStorageArea, indexedDbArea } from "./storage-areas.ts";
import { StreamHub } from "./stream-hub.ts";
import { createStreamSubscriber } from "./subscribe-stream-events.ts";
import { createApiTrpcClient } from "./trpc-client.ts";

// The default, said out loud: content scripts cannot read or watch session storage.
void chrome.storage.session.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" });

/** The worker's one session store, API client and stream hub, shared by every handler. */
export const sessions = createTrustedSessionStore({
  session: chromeStorageArea(chrome.storage.session),
  persistent: indexedDbArea("coinstream-session"),
  legacy: chromeStorageArea(chrome.storage.local),
});

export const trpc = createApiTrpcClient({
  apiUrl: API_URL,
  getToken: async () => (await sessions.load())?.token ?? null,
});

export const streamHub = new StreamHub({ subscribe: createStreamSubscriber({ apiUrl: API_URL }) });

export const authDeps = {
  apiUrl: API_URL,
  sessions,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
};

/** Spend confirmations in the extension's own window. */
export const confirmWindows = createConfirmWindows({
  windows: {
    create: async (options) => (await chrome.windows.create(options)) ?? {},
    remove: (windowId) => chrome.windows.remove(windowId),
  },
  pageUrl: (path) => chrome.runtime.getURL(path),
  newId: () => crypto.randomUUID(),
  setTimeout: (handler, ms) => setTimeout(handler, ms),
});
chrome.windows.onRemoved.addListener(confirmWindows.onWindowRemoved);

/** Live reports from stream pages: one a minute per tab. */
export const liveReports = createLiveReportGate();
