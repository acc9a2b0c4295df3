import type { Sql } from "@coinstream/db";

/** The `analytics_progress` row of the stream-events fold (see packages/db schema/analytics.ts). */
export const STREAM_EVENTS_FOLD = "stream_events";

/**
 * Coins a viewer has given a creator in all (gifts, tips, paid messages): the folded roll-up plus
 * the events the fold has not reached yet, so the answer is exact at any moment.
 */
export async function supporterCoins(
  sql: Sql,
  creatorUserId: string,
  viewerUserId: string,
): Promise<bigint> {
  const [row] = await sql<{ coins: bigint }[]>`
    with progress as (
      select coalesce(
        (select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}),
        '0'::xid8) as folded_below
    )
    select (
      coalesce((select coins from creator_supporters
                where creator_user_id = ${creatorUserId} and viewer_user_id = ${viewerUserId}), 0)
      + coalesce((select sum(coins) from stream_events, progress
                  where tx >= progress.folded_below and creator_user_id = ${creatorUserId}
                    and viewer_user_id = ${viewerUserId}), 0)
    )::int8 as coins`;
  return row?.coins ?? 0n;
}
