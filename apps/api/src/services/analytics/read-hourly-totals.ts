import { toSafeInteger } from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import { type AnalyticsRange, BUCKET_MS } from "./analytics-range.ts";
import { tailEvents } from "./paid-events.ts";

export interface SeriesPoint {
  /** The bucket's start (UTC). */
  readonly at: string;
  readonly coins: number;
  readonly diamonds: number;
  /** Gift items (3 roses count 3). */
  readonly gifts: number;
  readonly tips: number;
  readonly messages: number;
}

export interface GiftMixEntry {
  readonly giftId: string;
  /** Gift items sent. */
  readonly count: number;
  readonly coins: number;
  readonly diamonds: number;
}

export interface RangeTotals {
  /** Gifts, tips and paid messages sent (a gift of 3 roses is one event). */
  readonly events: number;
  readonly gifts: number;
  readonly tips: number;
  readonly messages: number;
  readonly coins: number;
  readonly diamonds: number;
}

/** Hourly roll-up rows in the range plus the tail's events in it, in the roll-up's shape. */
function hourlyRowsInRange(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
) {
  return tx`
    select hour, kind, gift_id, events, items, coins, diamonds from creator_hourly_totals
    where creator_user_id = ${creatorUserId} and hour >= ${range.from} and hour < ${range.to}
    union all
    select date_trunc('hour', created_at, 'UTC'), kind, gift_id, 1, items, coins, diamonds
    from (${tailEvents(tx, creatorUserId, foldedBelow)}) tail
    where created_at >= ${range.from} and created_at < ${range.to}`;
}

/**
 * Coins, diamonds, gifts, tips and messages per bucket (every bucket of the range, empty ones as
 * zeros), their totals, and the gift mix: all from hourly roll-ups plus the unfolded tail.
 */
export async function readHourlyTotals(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
) {
  // One pass over the rows: sums per bucket and per gift together.
  const groups = await tx<
    {
      per_bucket: boolean;
      at: Date | null;
      kind: string | null;
      gift_id: string | null;
      events: bigint;
      items: bigint;
      coins: bigint;
      diamonds: bigint;
      gifts: bigint;
      tips: bigint;
      messages: bigint;
    }[]
  >`
    select grouping(r.at) = 0 as per_bucket, r.at, r.kind, r.gift_id,
           sum(events)::int8 as events, sum(items)::int8 as items,
           sum(coins)::int8 as coins, sum(diamonds)::int8 as diamonds,
           coalesce(sum(items) filter (where kind = 'gift'), 0)::int8 as gifts,
           coalesce(sum(events) filter (where kind = 'tip'), 0)::int8 as tips,
           coalesce(sum(events) filter (where kind = 'message'), 0)::int8 as messages
    from (select date_trunc(${range.bucket}, hour, 'UTC') as at, kind, gift_id, events, items, coins, diamonds
          from (${hourlyRowsInRange(tx, creatorUserId, foldedBelow, range)}) h) r
    group by grouping sets ((r.at), (r.kind, r.gift_id))`;

  const perBucket = new Map<number, (typeof groups)[number]>();
  const sum = { events: 0n, gifts: 0n, tips: 0n, messages: 0n, coins: 0n, diamonds: 0n };
  const giftMix: GiftMixEntry[] = [];
  for (const group of groups) {
    if (group.per_bucket && group.at) {
      perBucket.set(group.at.getTime(), group);
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += group[key];
    } else if (group.kind === "gift") {
      giftMix.push({
        giftId: group.gift_id ?? "",
        count: toSafeInteger(group.items),
        coins: toSafeInteger(group.coins),
        diamonds: toSafeInteger(group.diamonds),
      });
    }
  }
  giftMix.sort((a, b) => b.coins - a.coins || (a.giftId < b.giftId ? -1 : 1));

  // Every bucket of the range, empty ones as zeros.
  const series: SeriesPoint[] = [];
  const step = BUCKET_MS[range.bucket];
  for (let at = range.from.getTime(); at < range.to.getTime(); at += step) {
    const bucket = perBucket.get(at);
    series.push({
      at: new Date(at).toISOString(),
      coins: toSafeInteger(bucket?.coins ?? 0n),
      diamonds: toSafeInteger(bucket?.diamonds ?? 0n),
      gifts: toSafeInteger(bucket?.gifts ?? 0n),
      tips: toSafeInteger(bucket?.tips ?? 0n),
      messages: toSafeInteger(bucket?.messages ?? 0n),
    });
  }
  const totals: RangeTotals = {
    events: toSafeInteger(sum.events),
    gifts: toSafeInteger(sum.gifts),
    tips: toSafeInteger(sum.tips),
    messages: toSafeInteger(sum.messages),
    coins: toSafeInteger(sum.coins),
    diamonds: toSafeInteger(sum.diamonds),
  };
  return { totals, series, giftMix };
}
