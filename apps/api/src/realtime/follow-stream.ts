import type { Sql } from "@coinstream/db";
import { type StreamEvent, type StreamEventRow, toStreamEvent } from "./stream-event.ts";
import type { StreamEventHub } from "./stream-event-hub.ts";

/**
 * A creator's stream events after `lastEventId` (stored ones first, in id order, then live ones
 * as the hub reads them), each once, until `signal` aborts. Live delivery starts before the stored
 * events are read, so an event committed in between is delivered live instead of lost. Without `lastEventId` a new
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
  let joined = () => {};
  const hasJoined = new Promise<void>((resolve) => (joined = resolve));
  const unsubscribe = hub.subscribe(
    creatorUserId,
    (event) => {
      queue.push(event);
      wake?.();
    },
    joined,
  );
  const aborted = new Promise<void>((resolve) =>
    signal?.addEventListener("abort", () => resolve(), { once: true }),
  );
  try {
    // Stored events are read once live delivery has started, so none falls in between.
    await Promise.race([hasJoined, aborted]);
    const stored =
      lastEventId === null
        ? []
        : await sql<StreamEventRow[]>`
            select id, kind, payload from stream_events
            where creator_user_id = ${creatorUserId} and id > ${lastEventId} order by id limit 500`;
    // Committed while the stored ones were read: delivered above, so not again below.
    const replayed = new Set(stored.map((row) => row.id.toString()));
    for (const row of stored) yield toStreamEvent(row);
    while (!signal?.aborted) {
      const next = queue.shift();
      if (!next) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = null;
        continue;
      }
      // Live events come in commit order, which is not id order: a lower id committing after a
      // higher one is new to this watcher and must not be dropped.
      if (replayed.has(next.id)) continue;
      yield next;
    }
  } finally {
    unsubscribe();
  }
}
