import type { AppRouter } from "@coinstream/api";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";

export interface TrpcClientOptions {
  /** The API's origin, e.g. http://127.0.0.1:3000. */
  readonly apiUrl: string;
  /** The signed bearer token for this call, or null when nobody is signed in. */
  readonly getToken: () => Promise<string | null>;
  /** Injected in tests; the worker's own fetch otherwise. */
  readonly fetch?: typeof fetch;
}

/**
 * The background's typed tRPC client. Queries and mutations go out in batches with the session's
 * bearer token. Stream events come from the API's plain SSE route instead
 * (subscribe-stream-events.ts), read with fetch: a service worker has no EventSource.
 */
export function createApiTrpcClient(options: TrpcClientOptions): TRPCClient<AppRouter> {
  const url = `${options.apiUrl}/trpc`;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        maxURLLength: 2_000,
        fetch: fetchImpl,
        headers: async () => {
          const token = await options.getToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}
