import { type ComboStreak, continueCombo } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { STREAM_EVENTS_CHANNEL, type StreamEvent } from "./stream-event.ts";

export interface GiftOrTip {
  readonly transferId: string;
  readonly kind: "gift" | "tip";
  readonly creatorUserId: string;
  readonly creatorHandle: string;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly coins: number;
  readonly giftId: string | null;
  readonly count: number;
  readonly message: string | null;
  readonly at: Date;
}

/**
 * Stores the public event of a gift or tip (once per transfer) with its combo streak, and
 * announces it with NOTIFY, which Postgres delivers to every API process only after commit.
 */
export async function recordStreamEvent(sql: Sql, event: GiftOrTip): Promise<void> {
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
  const payload: Omit<StreamEvent, "id" | "kind"> & { combo?: ComboStreak } = {
    creatorHandle: event.creatorHandle,
    viewerName: event.viewerName,
    coins: event.coins,
    giftId: event.giftId,
    count: event.count,
    comboCount: combo?.comboCount ?? event.count,
    comboId: combo?.id ?? null,
    message: event.message,
    at: event.at.toISOString(),
    ...(combo ? { combo } : {}),
  };
  await sql`
    with inserted as (
      insert into stream_events (creator_user_id, viewer_user_id, kind, transfer_id, payload)
      values (${event.creatorUserId}, ${event.viewerId}, ${event.kind}, ${event.transferId},
              ${JSON.stringify(payload)}::text::jsonb)
      on conflict (transfer_id) do nothing
      returning id, creator_user_id
    )
    select pg_notify(${STREAM_EVENTS_CHANNEL}, creator_user_id || ':' || id) from inserted`;
}
