import type { Sql } from "@coinstream/db";
import { type StreamEvent, type StreamEventRow, toStreamEvent } from "./stream-event.ts";
import type { StreamEventHub } from "./stream-event-hub.ts";

/**
 * A creator's stream events after `lastEventId` (stored ones first, then live ones), each once,
 * in order, until `signal` aborts. Listening starts before the stored events are read, so an
 * event committed in between is delivered live instead of lost. Without `lastEventId` a new
 * watcher starts from now: replaying the stream's oldest events would animate stale gifts.
 */
export async function* followStream(
  sql: Sql,
  hub: StreamEventHub,
  creatorUserId: string,
  lastEventId: bigint | null,
  signal: AbortSignal | undefined,
): AsyncGenerator<StreamEvent> {
  const queue: StreamEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = hub.subscribe(creatorUserId, (event) => {
    queue.push(event);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) =>
    signal?.addEventListener("abort", () => resolve(), { once: true }),
  );
  try {
    let last = lastEventId ?? 0n;
    const stored =
      lastEventId === null
        ? []
        : await sql<StreamEventRow[]>`
            select id, kind, payload from stream_events
            where creator_user_id = ${creatorUserId} and id > ${lastEventId} order by id limit 500`;
    for (const row of stored) {
      last = row.id;
      yield toStreamEvent(row);
    }
    while (!signal?.aborted) {
      const next = queue.shift();
      if (!next) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = null;
        continue;
      }
      if (BigInt(next.id) <= last) continue;
      last = BigInt(next.id);
      yield next;
    }
  } finally {
    unsubscribe();
  }
}
