import type { Tx } from "@coinstream/db";
import type { AnalyticsRange } from "./analytics-range.ts";
import { paidEvents, tailEvents } from "./paid-events.ts";

/** One supporter's coins and events inside a range. */
export interface RangeTotalRow {
  readonly viewer_user_id: string;
  readonly coins: bigint;
  readonly events: bigint;
}

export interface SearchLimits {
  /** Supporters whose range totals it reads at most. */
  readonly maxCandidates: number;
  /** Work it does at most: events read, plus `CANDIDATE_WORK` per supporter looked up. */
  readonly maxWork: bigint;
}

export interface SearchResult {
  /** True when `top` is exact; false when the walk gave up (then `top` means nothing). */
  readonly finished: boolean;
  /** Supporters whose range totals it read. */
  readonly walked: number;
  readonly top: RangeTotalRow[];
}

/** Looking a supporter up costs about as much as reading this many of their events. */
const CANDIDATE_WORK = 8;

/**
 * The top `limit` supporters by coins inside the range (ties: by id), reading only the biggest
 * supporters' events: supporters are walked from the most coins given in all (roll-up plus tail)
 * down, each one's range total summed through `stream_events_creator_viewer`, and the walk stops
 * once the `limit`-th best range total outranks the next supporter's lifetime total, which bounds
 * every range total still unread. One statement (a recursive walk) in the caller's snapshot.
 *
 * The list walked: the folded top `maxCandidates` + 1 with their tail added, and the tail's
 * other supporters at a bound (the folded top's last row plus their tail: no lookup per tail
 * supporter); the list keeps its best `maxCandidates` + 1. Everyone else ranks below that last
 * row (`unlisted`). Events are spends, never negative, so no range total exceeds the lifetime one.
 * Batches grow with the walk (an eighth of it, at least `limit`): few steps, little overshoot.
 *
 * When support is spread evenly no one drops out early. The walk gives up at its limits, or,
 * once an eighth of `maxWork` is spent, when the supporters still above the last place would
 * take it past `maxCandidates` or (their work guessed from their lifetime coins at the rate seen
 * so far, a guess that runs high as the last place keeps rising) past twice `maxWork`.
 */
export async function searchTopGiftersInRange(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
  limit: number,
  limits: SearchLimits,
): Promise<SearchResult> {
  const listed = limits.maxCandidates + 1;
  const [state] = await tx<
    { walked: bigint; finished: boolean; ids: string[]; coins: bigint[]; events: bigint[] }[]
  >`
    with recursive
    tail as materialized (
      select viewer_user_id, sum(coins)::int8 as coins
      from (${tailEvents(tx, creatorUserId, foldedBelow)}) e
      where viewer_user_id is not null
      group by viewer_user_id
    ),
    folded_top as materialized (
      select viewer_user_id, coins from creator_supporters
      where creator_user_id = ${creatorUserId}
      order by coins desc, viewer_user_id
      limit ${listed}
    ),
    unlisted as (
      select min(coins) as coins from folded_top having count(*) = ${listed}
    ),
    candidates as materialized (
      select viewer_user_id, bound, row_number() over (order by bound desc, viewer_user_id) as rank
      from (
        select viewer_user_id, bound from (
          select f.viewer_user_id, f.coins + coalesce(t.coins, 0) as bound
          from folded_top f left join tail t using (viewer_user_id)
          union all
          select t.viewer_user_id, t.coins + coalesce((select coins from unlisted), 0)
          from tail t
          where not exists (select from folded_top f where f.viewer_user_id = t.viewer_user_id)
        ) both_kinds
        order by bound desc, viewer_user_id
        limit ${listed}
      ) listed
    ),
    walk as (
      select 0::int8 as step, 0::int8 as walked, 0::numeric as walked_bounds, 0::int8 as work,
             '{}'::text[] as ids, '{}'::int8[] as coins, '{}'::int8[] as events,
             not exists (select from candidates) as finished, false as hopeless
      union all
      select w.step + 1, w.walked + batch.n, w.walked_bounds + batch.bounds, w.work + batch.work,
             top.ids, top.coins, top.events,
             -- Done when nobody is left, or when the last place (coins, id) outranks the next
             -- supporter even with all their coins in the range. Every listed supporter ranks at
             -- or above the unlisted, and nobody is left only when nobody is unlisted.
             next.bound is null
             or (cardinality(top.ids) = ${limit}
                 and (top.coins[${limit}] > next.bound
                      or (top.coins[${limit}] = next.bound and top.ids[${limit}] < next.viewer_user_id))),
             -- Hopeless: the supporters still above the last place would take it past its limits
             -- (see above).
             cardinality(top.ids) = ${limit} and (w.work + batch.work) * 8 >= ${limits.maxWork}
               and (w.walked + batch.n + ahead.n > ${limits.maxCandidates}
                    or (w.work + batch.work) * (w.walked_bounds + batch.bounds + ahead.bounds)
                       > 2 * ${limits.maxWork}::numeric * (w.walked_bounds + batch.bounds))
      from walk w
      cross join lateral (
        select count(*)::int8 as n, coalesce(sum(c.bound), 0) as bounds,
               (coalesce(sum(r.events), 0) + count(*) * ${CANDIDATE_WORK})::int8 as work,
               coalesce(array_agg(c.viewer_user_id) filter (where r.events > 0), '{}') as ids,
               coalesce(array_agg(r.coins) filter (where r.events > 0), '{}') as coins,
               coalesce(array_agg(r.events) filter (where r.events > 0), '{}') as events
        from candidates c
        cross join lateral (
          select coalesce(sum(e.coins), 0)::int8 as coins, count(*)::int8 as events
          from (${paidEvents(
            tx,
            tx`creator_user_id = ${creatorUserId} and viewer_user_id = c.viewer_user_id
               and created_at >= ${range.from} and created_at < ${range.to}`,
          )}) e
        ) r
        where c.rank > w.walked
          and c.rank <= w.walked + least(greatest(${limit}, w.walked / 8), ${limits.maxCandidates} - w.walked)
      ) batch
      cross join lateral (
        select coalesce(array_agg(t.id order by t.coins desc, t.id), '{}') as ids,
               coalesce(array_agg(t.coins order by t.coins desc, t.id), '{}') as coins,
               coalesce(array_agg(t.events order by t.coins desc, t.id), '{}') as events
        from (
          select id, coins, events from (
            select * from unnest(w.ids, w.coins, w.events) as kept(id, coins, events)
            union all
            select * from unnest(batch.ids, batch.coins, batch.events) as read(id, coins, events)
          ) both_lists
          order by coins desc, id
          limit ${limit}
        ) t
      ) top
      cross join lateral (
        select count(*)::int8 as n, coalesce(sum(c.bound), 0) as bounds from candidates c
        where c.rank > w.walked + batch.n and c.bound > top.coins[${limit}]
      ) ahead
      left join candidates next on next.rank = w.walked + batch.n + 1
      -- An empty batch (at the candidate limit) ends the walk too.
      where not w.finished and not w.hopeless and w.work < ${limits.maxWork} and batch.n > 0
    )
    select walked, finished, ids, coins, events from walk order by step desc limit 1`;
  if (!state) throw new Error("the top gifters walk returned no state");
  return {
    finished: state.finished,
    walked: Number(state.walked),
    top: state.ids.map((id, index) => ({
      viewer_user_id: id,
      coins: state.coins[index] ?? 0n,
      events: state.events[index] ?? 0n,
    })),
  };
}
