import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Hono } from "hono";
import type { AppRouter } from "./root.ts";

/**
 * A typed tRPC client whose requests go through `app.fetch` as real HTTP requests (URL, headers,
 * body, status), without opening a socket.
 */
export function createInProcessClient(app: Hono, headers: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "http://coinstream.test/trpc",
        headers: () => headers,
        fetch: async (input, init) =>
          app.fetch(new Request(input as string | URL, init as RequestInit)),
      }),
    ],
  });
}
