import { type ComboStreak, continueCombo } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { announceStreamEvents } from "./announce-stream-events.ts";
import type { StreamEvent, StreamSticker } from "./stream-event.ts";

export interface PaidStreamEvent {
  readonly transferId: string;
  readonly kind: "gift" | "tip" | "message";
  readonly creatorUserId: string;
  readonly creatorHandle: string;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly coins: number;
  /** What the creator earned from it (0 when the share rounds down to nothing). */
  readonly diamonds: number;
  readonly giftId: string | null;
  readonly count: number;
  readonly message: string | null;
  readonly at: Date;
  /** The sender's entrance effect, on their first gift of the creator's live session. */
  readonly entrance?: string | null;
  readonly sticker?: StreamSticker | null;
}

/**
 * Stores the public event of a gift, tip or paid message (once per transfer) with its combo
 * streak, the sender's cosmetics and the creator's live session, outside a spend: tests and
 * tools (a spend's event is written by the ledger batch with its transfers, from
 * `paidEventPayload`). It announces the event (NOTIFY or NATS) once the insert has committed: a
 * NOTIFY inside the insert's transaction would take Postgres's global notify lock across the
 * commit. Called inside a transaction (`sql` a transaction) it announces nothing: the caller
 * calls `announceStreamEvents` after committing, or the hubs' periodic read delivers it.
 */
export async function recordStreamEvent(sql: Sql, event: PaidStreamEvent): Promise<void> {
  let combo: ComboStreak | undefined;
  if (event.kind === "gift" && event.giftId) {
    const [last] = await sql<{ payload: { combo?: ComboStreak } }[]>`
      select payload from stream_events
      where creator_user_id = ${event.creatorUserId} and kind = 'gift'
        and viewer_user_id = ${event.viewerId}
      order by id desc limit 1`;
    combo = continueCombo(last?.payload.combo, {
      id: event.transferId,
      viewerId: event.viewerId,
      streamId: event.creatorUserId,
      giftId: event.giftId,
      count: event.count,
      at: Math.max(event.at.getTime(), last?.payload.combo?.lastAt ?? 0),
    });
  }
  const payload = paidEventPayload(event, combo);
  const inserted = await sql<{ creator_user_id: string }[]>`
      insert into stream_events
        (creator_user_id, viewer_user_id, kind, transfer_id, coins, diamonds, session_id, payload)
      values (${event.creatorUserId}, ${event.viewerId}, ${event.kind}, ${event.transferId},
              ${event.coins}, ${event.diamonds},
              (select id from stream_sessions where creator_user_id = ${event.creatorUserId} and ended_at is null),
              ${JSON.stringify(payload)}::text::jsonb || jsonb_build_object('viewerStyle', (
                select jsonb_build_object('badgeFrame', badge_frame, 'nameColor', name_color)
                from viewer_profiles where user_id = ${event.viewerId})))
    on conflict (transfer_id) do nothing
    returning creator_user_id`;
  if (!isTransaction(sql)) {
    await announceStreamEvents(
      sql,
      inserted.map((row) => row.creator_user_id),
    );
  }
}

/**
 * The stored payload of a paid event (the batch adds the sender's cosmetics as `viewerStyle`);
 * `combo` is the streak the event continues (gifts only).
 */
export function paidEventPayload(
  event: Pick<
    PaidStreamEvent,
    | "creatorHandle"
    | "viewerName"
    | "coins"
    | "giftId"
    | "count"
    | "message"
    | "at"
    | "entrance"
    | "sticker"
  >,
  combo: ComboStreak | undefined,
): Omit<StreamEvent, "id" | "kind"> & { combo?: ComboStreak } {
  return {
    creatorHandle: event.creatorHandle,
    viewerName: event.viewerName,
    coins: event.coins,
    giftId: event.giftId,
    count: event.count,
    comboCount: combo?.comboCount ?? event.count,
    comboId: combo?.id ?? null,
    message: event.message,
    at: event.at.toISOString(),
    ...(event.entrance ? { entrance: event.entrance } : {}),
    ...(event.sticker ? { sticker: event.sticker } : {}),
    ...(combo ? { combo } : {}),
  };
}

const toAnnounce = new Map<Sql, Set<string>>();

/**
 * Announces, once the current tick's work is done, that events of this stream committed: every
 * spend of a ledger batch resumes in the same tick, so a batch costs one announcement, sent
 * after its commit and off the requests' path (a failure only delays delivery to the hubs'
 * periodic read).
 */
export function announceCommittedEvent(sql: Sql, creatorUserId: string): void {
  let streams = toAnnounce.get(sql);
  if (!streams) {
    const pending = new Set<string>();
    streams = pending;
    toAnnounce.set(sql, pending);
    setImmediate(() => {
      toAnnounce.delete(sql);
      void announceStreamEvents(sql, [...pending]);
    });
  }
  streams.add(creatorUserId);
}

/** postgres.js hands a transaction's callback a client with `savepoint`; the pool has none. */
function isTransaction(sql: Sql): boolean {
  return "savepoint" in sql;
}
