import type { Queryable } from "../services/sessions/session-progress.ts";
import { STREAM_EVENTS_CHANNEL } from "./stream-event.ts";
import type { StreamWakes } from "./stream-wakes.ts";

/** The wakes of this process (NATS when NATS_URL is set); unset, a NOTIFY on the caller's pool. */
let announcer: StreamWakes | null = null;

/** Sends this process's announcements through `wakes` (null: back to NOTIFY). */
export function setStreamEventAnnouncer(wakes: StreamWakes | null): void {
  announcer = wakes;
}

/**
 * Tells every API process that events of these streams were stored. Call it after the events'
 * transaction committed: a wake that arrives first only makes a hub read too early, and the
 * event then goes out at the hub's next read. The events are already stored, so a failure here
 * is swallowed: the hubs' periodic read delivers them.
 */
export async function announceStreamEvents(
  sql: Queryable,
  creatorUserIds: readonly string[],
): Promise<void> {
  if (creatorUserIds.length === 0) return;
  try {
    await (announcer
      ? announcer.announce(creatorUserIds)
      : notifyStreamEvents(sql, creatorUserIds));
  } catch {
    // Stored already: the next periodic read delivers it.
  }
}

/** One NOTIFY per stream, as its own statement (so never inside the events' transaction). */
export async function notifyStreamEvents(
  sql: Queryable,
  creatorUserIds: readonly string[],
): Promise<void> {
  await sql`
    select pg_notify(${STREAM_EVENTS_CHANNEL}, id) from unnest(${[...new Set(creatorUserIds)]}::text[]) id`;
}
