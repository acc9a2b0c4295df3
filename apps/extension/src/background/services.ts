import { API_URL } from "./config.ts";
import { createStorageSessionStore } from "./session-store.ts";
import { StreamHub } from "./stream-hub.ts";
import { createStreamSubscriber } from "./subscribe-stream-events.ts";
import { createApiTrpcClient } from "./trpc-client.ts";

/** The worker's one session store, API client and stream hub, shared by every handler. */
export const sessions = createStorageSessionStore();

export const trpc = createApiTrpcClient({
  apiUrl: API_URL,
  getToken: async () => (await sessions.load())?.token ?? null,
});

export const streamHub = new StreamHub({ subscribe: createStreamSubscriber(trpc) });

export const authDeps = {
  apiUrl: API_URL,
  sessions,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
};
