import { toSafeInteger } from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import type { AnalyticsRange } from "./analytics-range.ts";
import { tailEvents } from "./paid-events.ts";

export interface SessionTotals {
  readonly id: string;
  readonly title: string | null;
  readonly startedAt: string;
  /** Null while live. */
  readonly endedAt: string | null;
  /** How the session started (manual or auto) and ended (manual, inactivity; null while live). */
  readonly startedBy: "manual" | "auto";
  readonly endedBy: "manual" | "inactivity" | null;
  readonly events: number;
  readonly coins: number;
  readonly diamonds: number;
}

/**
 * The latest live sessions overlapping the range, newest first, each with its whole-session
 * totals: the folded totals plus the tail's events in it.
 */
export async function readSessionTotals(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
  limit: number,
): Promise<SessionTotals[]> {
  const rows = await tx<
    {
      id: string;
      title: string | null;
      started_at: Date;
      ended_at: Date | null;
      started_by: "manual" | "auto";
      ended_by: "manual" | "inactivity" | null;
      events: bigint;
      coins: bigint;
      diamonds: bigint;
    }[]
  >`
    select s.id, s.title, s.started_at, s.ended_at, s.started_by, s.ended_by,
           (s.events + coalesce(t.events, 0))::int8 as events,
           (s.coins + coalesce(t.coins, 0))::int8 as coins,
           (s.diamonds + coalesce(t.diamonds, 0))::int8 as diamonds
    from (select * from stream_sessions
          where creator_user_id = ${creatorUserId} and started_at < ${range.to}
            and (ended_at is null or ended_at > ${range.from})
          order by started_at desc limit ${limit}) s
    left join (select session_id, count(*) as events, sum(coins) as coins, sum(diamonds) as diamonds
               from (${tailEvents(tx, creatorUserId, foldedBelow)}) tail
               where session_id is not null group by session_id) t on t.session_id = s.id
    order by s.started_at desc`;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    startedBy: row.started_by,
    endedBy: row.ended_by,
    events: toSafeInteger(row.events),
    coins: toSafeInteger(row.coins),
    diamonds: toSafeInteger(row.diamonds),
  }));
}
