import type { Sql, Tx } from "@coinstream/db";
import { emitGoalProgress } from "../sessions/goal-progress.ts";
import { paidEvents } from "./paid-events.ts";
import { STREAM_EVENTS_FOLD } from "./supporter-coins.ts";

/**
 * Events folded per transaction: a large backlog (a first deploy) commits in steps instead of
 * one long transaction. A single writing transaction is never split, so a batch may be larger.
 */
const MAX_EVENTS_PER_BATCH = 50_000;

export interface FoldResult {
  readonly events: number;
  readonly batches: number;
  /** Live sessions whose totals moved. */
  readonly sessionIds: readonly string[];
}

/**
 * Folds every stream event whose writing transaction has finished into the analytics roll-ups
 * (hourly totals, supporters, daily gifters, session totals) and moves the watermark past them.
 *
 * The bound is the oldest transaction still running (`pg_snapshot_xmin`): every transaction
 * below it has committed or aborted, so its events are all visible now and none can appear
 * later. A transaction that commits late keeps the bound below itself until it ends, so its
 * events are folded by a later run, never skipped (ids are not commit-ordered; `tx` is). Each
 * batch's roll-ups and watermark commit together, so a crash folds nothing twice.
 */
export async function foldStreamEvents(
  sql: Sql,
  maxEventsPerBatch = MAX_EVENTS_PER_BATCH,
): Promise<FoldResult> {
  let events = 0;
  let batches = 0;
  const sessionIds = new Set<string>();
  for (let more = true; more; ) {
    const batch = await foldBatch(sql, maxEventsPerBatch);
    events += batch.events;
    if (batch.events > 0) batches++;
    for (const id of batch.sessionIds) sessionIds.add(id);
    more = batch.more;
  }
  if (sessionIds.size > 0) await emitGoalProgress(sql, [...sessionIds]);
  return { events, batches, sessionIds: [...sessionIds] };
}

async function foldBatch(sql: Sql, maxEvents: number) {
  return sql.begin(async (tx) => {
    // One folder at a time; a second waits and then folds whatever is left.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`analytics_fold:${STREAM_EVENTS_FOLD}`}, 0))`;
    const [state] = await tx<{ from: string; bound: string; behind: boolean }[]>`
      with now_and_then as (
        select coalesce((select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}),
                        '0'::xid8) as folded_below,
               pg_snapshot_xmin(pg_current_snapshot()) as bound
      )
      select folded_below::text as from, bound::text as bound, folded_below < bound as behind
      from now_and_then`;
    if (!state?.behind) return { events: 0, more: false, sessionIds: [] as string[] };
    const upTo = await batchUpperBound(tx, state.from, state.bound, maxEvents);

    const [folded] = await tx<{ events: bigint; session_ids: string[] }[]>`
      with batch as materialized (
        ${paidEvents(tx, tx`tx >= ${state.from}::xid8 and tx < ${upTo}::xid8`)}
      ),
      hourly as (
        insert into creator_hourly_totals as t
          (creator_user_id, hour, kind, gift_id, events, items, coins, diamonds)
        select creator_user_id, date_trunc('hour', created_at, 'UTC'), kind, gift_id,
               count(*), sum(items), sum(coins), sum(diamonds)
        from batch group by 1, 2, 3, 4
        on conflict (creator_user_id, hour, kind, gift_id) do update set
          events = t.events + excluded.events, items = t.items + excluded.items,
          coins = t.coins + excluded.coins, diamonds = t.diamonds + excluded.diamonds
      ),
      supporters as (
        insert into creator_supporters as s
          (creator_user_id, viewer_user_id, viewer_name, first_at, last_at, events, coins, diamonds)
        select creator_user_id, viewer_user_id,
               (array_agg(viewer_name order by created_at desc, id desc))[1],
               min(created_at), max(created_at), count(*), sum(coins), sum(diamonds)
        from batch where viewer_user_id is not null group by 1, 2
        on conflict (creator_user_id, viewer_user_id) do update set
          viewer_name = case when excluded.last_at >= s.last_at then excluded.viewer_name else s.viewer_name end,
          first_at = least(s.first_at, excluded.first_at),
          last_at = greatest(s.last_at, excluded.last_at),
          events = s.events + excluded.events, coins = s.coins + excluded.coins,
          diamonds = s.diamonds + excluded.diamonds
      ),
      daily as (
        insert into creator_daily_gifters (creator_user_id, day, viewer_user_id)
        select distinct creator_user_id, (created_at at time zone 'UTC')::date, viewer_user_id
        from batch where viewer_user_id is not null
        on conflict do nothing
      ),
      sessions as (
        update stream_sessions ss set
          events = ss.events + b.events, coins = ss.coins + b.coins, diamonds = ss.diamonds + b.diamonds
        from (select session_id, count(*) as events, sum(coins) as coins, sum(diamonds) as diamonds
              from batch where session_id is not null group by 1) b
        where ss.id = b.session_id
        returning ss.id
      ),
      progress as (
        insert into analytics_progress (name, folded_below, updated_at)
        values (${STREAM_EVENTS_FOLD}, ${upTo}::xid8, now())
        on conflict (name) do update set folded_below = excluded.folded_below, updated_at = now()
      )
      select (select count(*) from batch)::int8 as events,
             coalesce((select array_agg(id::text) from sessions), '{}') as session_ids`;
    return {
      events: Number(folded?.events ?? 0n),
      more: upTo !== state.bound,
      sessionIds: folded?.session_ids ?? [],
    };
  });
}

/**
 * Where this batch stops: the bound, or earlier when more than `maxEvents` events wait, at a
 * transaction boundary (one transaction's events are folded together, however many).
 */
async function batchUpperBound(
  tx: Tx,
  from: string,
  bound: string,
  maxEvents: number,
): Promise<string> {
  const [cut] = await tx<{ tx: string; first: string; next: string | null }[]>`
    with waiting as not materialized (
      select tx from stream_events where tx >= ${from}::xid8 and tx < ${bound}::xid8
    ),
    cut as (select tx from waiting order by tx offset ${maxEvents} limit 1)
    select cut.tx::text as tx,
           (select tx::text from waiting order by tx limit 1) as first,
           (select tx::text from waiting where tx > cut.tx order by tx limit 1) as next
    from cut`;
  if (!cut) return bound;
  // The first transaction alone holds more than a batch: take all of it.
  if (cut.tx === cut.first) return cut.next ?? bound;
  return cut.tx;
}
