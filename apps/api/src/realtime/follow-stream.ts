import { MAX_QUEUED_BYTES } from "./sse-subscriber.ts";
import type { ResumePoint } from "./stream-cursor.ts";
import type { StreamEvent } from "./stream-event.ts";
import type { FrameSink, StreamEventHub } from "./stream-event-hub.ts";

/**
 * What the typed subscription yields: a stream event (the gifts of one combo read together come
 * as one, naming the others in `merged`, as on the SSE route), `connected` once joined, or
 * `reset` when the resume point was over CATCH_UP_LIMIT events behind (start again from now).
 */
export type FollowedItem =
  | (StreamEvent & { readonly merged?: readonly { id: string; message: string | null }[] })
  | { readonly kind: "connected" }
  | { readonly kind: "reset" };

/**
 * A creator's stream events from `from`, each with its cursor (`c1.<xmin>.<ids>`, or an old
 * numeric id while replaying after one), until `signal` aborts or the subscriber falls
 * `maxQueuedBytes` behind (it is then ended; resuming from the last id loses nothing).
 *
 * It is a sink of the hub like an SSE response, so a typed subscriber joins, catches up and is
 * cut off exactly as the plain route's are; the hub's frames are parsed back into events (one
 * JSON.parse per event and subscriber: the typed route is for few typed clients, the plain
 * route for crowds).
 */
export async function* followStream(
  hub: StreamEventHub,
  creatorUserId: string,
  from: ResumePoint,
  signal: AbortSignal | undefined,
  maxQueuedBytes = MAX_QUEUED_BYTES,
): AsyncGenerator<{ readonly id: string; readonly data: FollowedItem }> {
  const queue: { id: string; data: FollowedItem; bytes: number }[] = [];
  let queuedBytes = 0;
  let ended = false;
  let wake: (() => void) | null = null;
  const sink: FrameSink = {
    write(frame) {
      if (ended) return false;
      for (const item of parseFrame(frame)) {
        queue.push(item);
        queuedBytes += item.bytes;
      }
      if (queuedBytes > maxQueuedBytes) ended = true;
      wake?.();
      return !ended;
    },
    close() {
      ended = true;
      wake?.();
    },
  };
  const stop = () => sink.close();
  signal?.addEventListener("abort", stop, { once: true });
  const detach = hub.attach(creatorUserId, sink, from);
  try {
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        queuedBytes -= next.bytes;
        yield { id: next.id, data: next.data };
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    signal?.removeEventListener("abort", stop);
    detach();
  }
}

/** The hub's SSE text back into items: `id:`, optional `event:` and `data:` per block. */
function parseFrame(frame: Buffer): { id: string; data: FollowedItem; bytes: number }[] {
  const items: { id: string; data: FollowedItem; bytes: number }[] = [];
  for (const block of frame.toString("utf8").split("\n\n")) {
    let id: string | null = null;
    let event: string | null = null;
    let data: string | null = null;
    for (const line of block.split("\n")) {
      if (line.startsWith("id: ")) id = line.slice(4);
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data = line.slice(6);
    }
    if (id === null) continue; // keep-alives and comments
    const item: FollowedItem =
      event === "connected" || event === "reset"
        ? { kind: event }
        : (JSON.parse(data ?? "{}") as FollowedItem);
    items.push({ id, data: item, bytes: block.length });
  }
  return items;
}
