import type { Sql } from "@coinstream/db";

/** How far back "live" looks until stream sessions are tracked: a long stream's length. */
export const LIVE_WINDOW_HOURS = 8;

/**
 * The top supporters of a creator by coins given (gifts and tips), over the live window or all
 * time. Names only: who a viewer is stays private.
 */
export async function getLeaderboard(
  sql: Sql,
  creatorUserId: string,
  period: "live" | "all",
  now: Date,
) {
  const since =
    period === "live" ? new Date(now.getTime() - LIVE_WINDOW_HOURS * 3_600_000) : new Date(0);
  const rows = await sql<{ name: string; coins: bigint; gifts: bigint }[]>`
    select (array_agg(payload->>'viewerName' order by id desc))[1] as name,
           sum((payload->>'coins')::int8)::int8 as coins, count(*)::int8 as gifts
    from stream_events
    where creator_user_id = ${creatorUserId} and created_at >= ${since} and viewer_user_id is not null
    group by viewer_user_id
    order by coins desc, min(id)
    limit 10`;
  return rows.map((row, index) => ({
    rank: index + 1,
    name: row.name,
    coins: Number(row.coins),
    gifts: Number(row.gifts),
  }));
}
