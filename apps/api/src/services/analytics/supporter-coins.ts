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

type Queryable = Sql | Parameters<Parameters<Sql["begin"]>[1]>[0];

/**
 * Records, for a tier whose threshold rises from `reachedCoins`, every supporter of the creator
 * who has given at least that much (roll-ups plus the events not folded yet, one snapshot), so
 * raising a threshold never takes an unlocked perk away. Run it in the change's transaction.
 */
export async function recordPerkUnlocks(
  tx: Queryable,
  creatorUserId: string,
  tierId: string,
  reachedCoins: bigint,
): Promise<void> {
  await tx`
    with progress as (
      select coalesce(
        (select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}),
        '0'::xid8) as folded_below
    ),
    given as (
      select viewer_user_id, coins from creator_supporters where creator_user_id = ${creatorUserId}
      union all
      select viewer_user_id, coins from stream_events, progress
      where tx >= progress.folded_below and creator_user_id = ${creatorUserId}
        and viewer_user_id is not null
    )
    insert into perk_unlocks (tier_id, viewer_user_id, min_coins)
    select ${tierId}, viewer_user_id, ${reachedCoins} from given
    group by viewer_user_id having sum(coins) >= ${reachedCoins}
    on conflict do nothing`;
}
