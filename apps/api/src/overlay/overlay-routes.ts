import type { Sql } from "@coinstream/db";
import type { Hono } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { streamSSE } from "hono/streaming";
import { followStream } from "../realtime/follow-stream.ts";
import type { StreamEventHub } from "../realtime/stream-event-hub.ts";
import { findCreatorByOverlayKey } from "./overlay-key.ts";
import { renderOverlayPage } from "./overlay-page.ts";
import { getOverlayState } from "./overlay-state.ts";

/** Comments keep idle proxies from closing the stream; each also rechecks the key. */
const KEEP_ALIVE_MS = 15_000;

interface OverlayDeps {
  readonly sql: Sql;
  readonly events?: StreamEventHub | undefined;
}

/**
 * The OBS overlay, by secret key and without a login: the page, its state (goal, top gifters)
 * and its live events over SSE. An unknown or rotated key gets the plain 404 any unknown
 * address gets. The page runs under a strict CSP: only its own inline script and style (by
 * nonce), requests to this origin, and Trusted Types so no HTML string can be injected.
 */
export function mountOverlay<A extends Hono>(app: A, deps: OverlayDeps): A {
  app.use(
    "/overlay/*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        connectSrc: ["'self'"],
        imgSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'self'"],
        requireTrustedTypesFor: ["'script'"],
        trustedTypes: ["'none'"],
      },
    }),
    async (c, next) => {
      await next();
      // The URL is the secret: keep it out of caches, indexes and referrers.
      c.header("Cache-Control", "no-store");
      c.header("X-Robots-Tag", "noindex");
    },
  );

  app.get("/overlay/:key", async (c) => {
    const key = c.req.param("key");
    if (!(await findCreatorByOverlayKey(deps.sql, key))) return c.notFound();
    const nonce = c.get("secureHeadersNonce") ?? "";
    return c.html(renderOverlayPage({ key, nonce }));
  });

  app.get("/overlay/:key/state", async (c) => {
    const creator = await findCreatorByOverlayKey(deps.sql, c.req.param("key"));
    if (!creator) return c.notFound();
    return c.json(await getOverlayState(deps.sql, creator, new Date()));
  });

  app.get("/overlay/:key/events", async (c) => {
    const key = c.req.param("key");
    const creator = await findCreatorByOverlayKey(deps.sql, key);
    if (!creator) return c.notFound();
    const hub = deps.events;
    if (!hub) return c.json({ error: "Live events are not available." }, 503);
    // A reconnecting EventSource sends the last id it saw; a first connection says where to start.
    const resumeFrom = c.req.header("last-event-id") ?? c.req.query("after");
    const after = /^\d{1,19}$/.test(resumeFrom ?? "")
      ? BigInt(resumeFrom as string)
      : await newestEventId(deps.sql, creator.userId);
    const stillValid = async () =>
      (await findCreatorByOverlayKey(deps.sql, key))?.userId === creator.userId;

    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      const keepAlive = setInterval(() => {
        void stream.write(": keep-alive\n\n");
        void stillValid().then((valid) => valid || abort.abort());
      }, KEEP_ALIVE_MS);
      try {
        await stream.write("retry: 2000\n\n");
        for await (const event of followStream(
          deps.sql,
          hub,
          creator.userId,
          after,
          abort.signal,
        )) {
          // A rotated key stops its stream at the next event; the browser's retry then gets 404.
          if (!(await stillValid())) break;
          await stream.writeSSE({ id: event.id, data: JSON.stringify(event) });
        }
      } finally {
        clearInterval(keepAlive);
        abort.abort();
      }
    });
  });
  return app;
}

async function newestEventId(sql: Sql, creatorUserId: string): Promise<bigint> {
  const [row] = await sql<{ id: bigint }[]>`
    select coalesce(max(id), 0)::int8 as id from stream_events where creator_user_id = ${creatorUserId}`;
  return row?.id ?? 0n;
}
