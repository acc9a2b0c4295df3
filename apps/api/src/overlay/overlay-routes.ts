import type { Sql } from "@coinstream/db";
import type { Hono } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { FrameSink, StreamEventHub } from "../realtime/stream-event-hub.ts";
import { serveStreamEvents } from "../realtime/stream-events-route.ts";
import { readOverlaySettings } from "../services/studio/overlay-settings.ts";
import { findCreatorByOverlayKey } from "./overlay-key.ts";
import { renderOverlayPage } from "./overlay-page.ts";
import { OverlaySignalBus } from "./overlay-signals.ts";
import { getOverlayState } from "./overlay-state.ts";

interface OverlayDeps {
  readonly sql: Sql;
  readonly events: StreamEventHub;
}

/**
 * The OBS overlay, by secret key and without a login: the page, its state (goal, top gifters)
 * and its live events over SSE. An unknown or rotated key gets the plain 404 any unknown
 * address gets. The page runs under a strict CSP: only its own inline script and style (by
 * nonce), requests to this origin, and Trusted Types so no HTML string can be injected.
 */
export function mountOverlay<A extends Hono>(app: A, deps: OverlayDeps): A {
  // Settings changes and test alerts, for this creator's overlays only (see overlay-signals.ts).
  const signals = new OverlaySignalBus(deps.sql);
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
    const [state, settings] = await Promise.all([
      getOverlayState(deps.sql, creator, new Date()),
      readOverlaySettings(deps.sql, creator.userId),
    ]);
    return c.json({ ...state, settings });
  });

  app.get("/overlay/:key/events", async (c) => {
    const key = c.req.param("key");
    const creator = await findCreatorByOverlayKey(deps.sql, key);
    if (!creator) return c.notFound();
    const hub = deps.events;
    const stillValid = async () =>
      (await findCreatorByOverlayKey(deps.sql, key))?.userId === creator.userId;
    await signals.ready();
    // The page starts from its state's cursor (`?after=`); a reconnecting EventSource sends the last id.
    return serveStreamEvents(c, { sql: deps.sql, hub }, creator.userId, {
      wrap: (subscriber) => {
        const sink = new KeyCheckedSink(subscriber, stillValid);
        subscriber.onClose(signals.add(creator.userId, sink));
        return sink;
      },
    });
  });
  return app;
}

/**
 * Passes frames on only while the overlay key is still valid: a rotated key stops its stream at
 * the next frame (an event or the 15 s keep-alive), and the browser's retry then gets 404. An
 * overlay has a handful of subscribers, so one key check a frame is cheap.
 */
class KeyCheckedSink implements FrameSink {
  private chain: Promise<void> = Promise.resolve();
  private open = true;

  constructor(
    private readonly inner: FrameSink,
    private readonly stillValid: () => Promise<boolean>,
  ) {}

  write(frame: Buffer): boolean {
    if (!this.open) return false;
    this.chain = this.chain.then(async () => {
      if (!this.open) return;
      const valid = await this.stillValid().catch(() => true);
      if (!valid || !this.inner.write(frame)) this.close();
    });
    return true;
  }

  close(): void {
    this.open = false;
    this.inner.close();
  }
}
