import type { Sql, Tx } from "@coinstream/db";
import { expect, vi } from "vitest";
import { foldStreamEvents } from "../services/analytics/fold-stream-events.ts";
import { STREAM_EVENTS_FOLD } from "../services/analytics/supporter-coins.ts";

/** Stream events the analytics fold has not reached yet. */
export async function unfoldedEvents(sql: Sql): Promise<bigint> {
  const [row] = await sql<{ n: bigint }[]>`
    select count(*)::int8 as n from stream_events
    where tx >= coalesce((select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}),
                         '0'::xid8)`;
  return row?.n ?? 0n;
}

/**
 * Folds until every stream event is in the roll-ups. The fold stops below the oldest running
 * transaction on the whole server, so another test file's open transaction can hold it back
 * for a moment: retry until it is through.
 */
export async function foldEverything(sql: Sql): Promise<void> {
  await vi.waitFor(
    async () => {
      await foldStreamEvents(sql);
      expect(await unfoldedEvents(sql)).toBe(0n);
    },
    { timeout: 30_000, interval: 50 },
  );
}

export interface RawStreamEvent {
  readonly creatorUserId: string;
  readonly viewerUserId: string;
  readonly viewerName: string;
  readonly kind?: "gift" | "tip" | "message";
  readonly giftId?: string;
  readonly count?: number;
  readonly coins: number;
  readonly diamonds?: number;
  readonly at: Date;
  readonly sessionId?: string | null;
}

/** Stores a paid stream event as `recordStreamEvent` would, at a chosen time (no ledger transfer). */
export async function insertStreamEvent(sql: Sql | Tx, event: RawStreamEvent): Promise<void> {
  const kind = event.kind ?? "gift";
  const payload = {
    creatorHandle: "test",
    viewerName: event.viewerName,
    coins: event.coins,
    giftId: kind === "gift" ? (event.giftId ?? "rose") : null,
    count: event.count ?? 1,
    comboCount: event.count ?? 1,
    comboId: null,
    message: null,
    at: event.at.toISOString(),
  };
  await sql`
    insert into stream_events
      (creator_user_id, viewer_user_id, kind, coins, diamonds, session_id, payload, created_at)
    values (${event.creatorUserId}, ${event.viewerUserId}, ${kind}, ${event.coins},
            ${event.diamonds ?? Math.floor(event.coins / 2)}, ${event.sessionId ?? null},
            ${JSON.stringify(payload)}::text::jsonb, ${event.at})`;
}
