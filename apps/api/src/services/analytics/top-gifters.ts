import type { Sql, Tx } from "@coinstream/db";
import type { AnalyticsRange } from "./analytics-range.ts";
import { paidEvents, tailEvents } from "./paid-events.ts";
import { type RangeTotalRow, searchTopGiftersInRange } from "./search-top-gifters.ts";
import { supportersWithTail, tailPerSupporter } from "./supporters-with-tail.ts";

export interface GifterTotal {
  readonly viewerUserId: string;
  readonly name: string;
  readonly coins: bigint;
  /** Gifts, tips and paid messages. */
  readonly events: bigint;
}

/**
 * A creator's top supporters of all time by coins given (ties: who gave first), from the folded
 * totals plus the tail. Only the folded top `limit` and the tail's supporters can rank: adding
 * the tail only raises totals, so anyone else has `limit` supporters at or above them.
 */
export async function topGiftersAllTime(
  sql: Sql | Tx,
  creatorUserId: string,
  foldedBelow: string,
  limit: number,
): Promise<GifterTotal[]> {
  // Candidates' folded rows (each once) plus their tail rows, summed per supporter.
  const rows = await sql<{ viewer_user_id: string; coins: bigint; events: bigint }[]>`
    with tail as materialized (${tailPerSupporter(sql, creatorUserId, foldedBelow)}),
    candidates as (
      (select viewer_user_id, first_at, events, coins from creator_supporters
       where creator_user_id = ${creatorUserId}
       order by coins desc, first_at, viewer_user_id limit ${limit})
      union
      select s.viewer_user_id, s.first_at, s.events, s.coins
      from tail t join creator_supporters s
        on s.creator_user_id = ${creatorUserId} and s.viewer_user_id = t.viewer_user_id
      union all
      select viewer_user_id, first_at, events, coins from tail
    )
    select viewer_user_id, sum(coins)::int8 as coins, sum(events)::int8 as events
    from candidates group by viewer_user_id
    order by coins desc, min(first_at), viewer_user_id
    limit ${limit}`;
  return withNames(sql, creatorUserId, foldedBelow, rows);
}

/** When `topGiftersInRange` tries the walk, and how far the walk may go. */
export interface RangeSearchTuning {
  /** Try the walk only when reading the events would read at least this many. */
  readonly searchFromEvents: bigint;
  /** The walk's work stays under the events the other way reads, divided by this. */
  readonly workDivisor: bigint;
  readonly maxCandidates: number;
}

export const RANGE_SEARCH_TUNING: RangeSearchTuning = {
  searchFromEvents: 10_000n,
  workDivisor: 8n,
  maxCandidates: 1_000,
};

/**
 * Top supporters by coins given inside the range (ties: by id, for a stable order). The roll-ups
 * keep no per-supporter totals by time, so this reads events: only the biggest supporters' when
 * the rest cannot reach the list (`searchTopGiftersInRange`), else all those inside the range or,
 * when fewer lie outside it, lifetime totals less those outside. A walk that gives up has read at
 * most an eighth as many events as that reading (usually far fewer), so no range costs much more
 * than reading alone; small creators skip the walk, as reading is quick for them anyway.
 */
export async function topGiftersInRange(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
  counts: { readonly eventsInRange: bigint; readonly eventsAllTime: bigint },
  limit: number,
  tuning: RangeSearchTuning = RANGE_SEARCH_TUNING,
): Promise<GifterTotal[]> {
  const eventsOutside = counts.eventsAllTime - counts.eventsInRange;
  const readsInside = counts.eventsInRange <= eventsOutside;
  const eventsToRead = readsInside ? counts.eventsInRange : eventsOutside;
  if (eventsToRead >= tuning.searchFromEvents) {
    const search = await searchTopGiftersInRange(tx, creatorUserId, foldedBelow, range, limit, {
      maxCandidates: tuning.maxCandidates,
      maxWork: eventsToRead / tuning.workDivisor,
    });
    if (search.finished) return withNames(tx, creatorUserId, foldedBelow, search.top);
  }
  const rows = readsInside
    ? await sumEventsInside(tx, creatorUserId, range, limit)
    : await lifetimeLessOutside(tx, creatorUserId, foldedBelow, range, limit);
  return withNames(tx, creatorUserId, foldedBelow, rows);
}

function sumEventsInside(tx: Tx, creatorUserId: string, range: AnalyticsRange, limit: number) {
  return tx<RangeTotalRow[]>`
    select viewer_user_id, sum(coins)::int8 as coins, count(*)::int8 as events
    from (${paidEvents(
      tx,
      tx`creator_user_id = ${creatorUserId} and created_at >= ${range.from} and created_at < ${range.to}`,
    )}) inside
    where viewer_user_id is not null
    group by viewer_user_id
    order by coins desc, viewer_user_id
    limit ${limit}`;
}

function lifetimeLessOutside(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
  limit: number,
) {
  return tx<RangeTotalRow[]>`
    with outside as (
      select viewer_user_id, sum(coins) as coins, count(*) as events
      from (${paidEvents(
        tx,
        tx`creator_user_id = ${creatorUserId} and (created_at < ${range.from} or created_at >= ${range.to})`,
      )}) e
      where viewer_user_id is not null
      group by viewer_user_id
    )
    select l.viewer_user_id, (l.coins - coalesce(o.coins, 0))::int8 as coins,
           (l.events - coalesce(o.events, 0))::int8 as events
    from (${supportersWithTail(tx, creatorUserId, foldedBelow)}) l
    left join outside o using (viewer_user_id)
    where l.events > coalesce(o.events, 0)
    order by coins desc, viewer_user_id
    limit ${limit}`;
}

/** Each supporter with the name on their latest event. */
async function withNames(
  sql: Sql | Tx,
  creatorUserId: string,
  foldedBelow: string,
  rows: readonly RangeTotalRow[],
): Promise<GifterTotal[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.viewer_user_id);
  const names = await sql<{ viewer_user_id: string; name: string }[]>`
    with tail as (
      select viewer_user_id, (array_agg(viewer_name order by created_at desc, id desc))[1] as viewer_name,
             max(created_at) as last_at
      from (${tailEvents(sql, creatorUserId, foldedBelow)}) e
      where viewer_user_id = any(${ids}::text[])
      group by viewer_user_id
    )
    select v.id as viewer_user_id,
           coalesce(case when t.last_at >= s.last_at then t.viewer_name end, s.viewer_name, t.viewer_name, '') as name
    from unnest(${ids}::text[]) as v(id)
    left join creator_supporters s on s.creator_user_id = ${creatorUserId} and s.viewer_user_id = v.id
    left join tail t on t.viewer_user_id = v.id`;
  const nameOf = new Map(names.map((row) => [row.viewer_user_id, row.name]));
  return rows.map((row) => ({
    viewerUserId: row.viewer_user_id,
    name: nameOf.get(row.viewer_user_id) ?? "",
    coins: row.coins,
    events: row.events,
  }));
}
