import { normalizeCreatorHandle } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, Hono } from "hono";
import { readStreamCursor } from "./read-stream-cursor.ts";
import { NodeSseSubscriber, SSE_HEADERS, WebSseSubscriber } from "./sse-subscriber.ts";
import { parseResumePoint } from "./stream-cursor.ts";
import type { FrameSink, StreamEventHub } from "./stream-event-hub.ts";

export interface SseOptions {
  /** Headers for this route's responses (CORS for the public route). */
  readonly headers?: Record<string, string>;
  /** Bytes a subscriber may leave unread before it is cut off (default MAX_QUEUED_BYTES). */
  readonly maxQueuedBytes?: number;
  /** Wraps the subscriber, e.g. to check something before each frame. */
  readonly wrap?: (sink: FrameSink & { onClose(listener: () => void): void }) => FrameSink;
}

/**
 * Answers with the creator's stream events over SSE from the hub: where a reconnecting
 * EventSource left off (`Last-Event-ID`), or from `?after=<id>`, or from the moment the request
 * arrived. 400 for an id that is not one of ours.
 */
export async function serveStreamEvents(
  c: Context,
  deps: { readonly sql: Sql; readonly hub: StreamEventHub },
  creatorUserId: string,
  options: SseOptions = {},
): Promise<Response> {
  const resumeText = c.req.header("last-event-id") || c.req.query("after");
  const from = resumeText
    ? parseResumePoint(resumeText)
    : // A first connection starts from now: what is committed after this request arrived.
      ({ kind: "cursor", cursor: await readStreamCursor(deps.sql, creatorUserId) } as const);
  if (!from) {
    return c.json(
      {
        error:
          "Last-Event-ID (or after) is not an event id from this stream; reconnect without it to start from now.",
      },
      400,
    );
  }
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  const subscriber = outgoing
    ? new NodeSseSubscriber(outgoing, options.headers, options.maxQueuedBytes)
    : new WebSseSubscriber(options.maxQueuedBytes);
  const sink = options.wrap ? options.wrap(subscriber) : subscriber;
  const detach = deps.hub.attach(creatorUserId, sink, from);
  subscriber.onClose(detach);
  if (outgoing) return RESPONSE_ALREADY_SENT;
  return new Response((subscriber as WebSseSubscriber).body, {
    headers: { ...SSE_HEADERS, ...options.headers },
  });
}

/**
 * `GET /streams/:handle/events`: a stream's public events (gifts, combos, tips, paid messages,
 * goal progress) as plain SSE, the same bytes for every subscriber. Public and carrying nothing
 * private (the events name senders by display name only), so any origin may read it.
 */
export function mountStreamEvents<A extends Hono>(
  app: A,
  deps: {
    readonly sql: Sql;
    readonly events?: StreamEventHub | undefined;
    readonly maxQueuedBytes?: number;
  },
): A {
  app.get("/streams/:handle/events", async (c) => {
    const hub = deps.events;
    if (!hub) return c.json({ error: "Live events are not available." }, 503);
    const handle = normalizeCreatorHandle(c.req.param("handle"));
    const [creator] = handle
      ? await deps.sql<{ user_id: string }[]>`select user_id from creators where handle = ${handle}`
      : [];
    if (!creator) return c.json({ error: "No creator has that handle." }, 404);
    return serveStreamEvents(c, { sql: deps.sql, hub }, creator.user_id, {
      headers: { "Access-Control-Allow-Origin": "*" },
      maxQueuedBytes: deps.maxQueuedBytes,
    });
  });
  return app;
}
