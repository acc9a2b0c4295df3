import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/** `fetch` served on 127.0.0.1 at a free port: its base URL and how to stop it. */
export async function listenOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ readonly base: string; readonly close: () => Promise<void> }> {
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server?.close(() => resolve())),
  };
}
