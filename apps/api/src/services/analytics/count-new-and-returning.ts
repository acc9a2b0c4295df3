import { toSafeInteger } from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import type postgres from "postgres";
import { type AnalyticsRange, splitIntoDays } from "./analytics-range.ts";
import { paidEvents } from "./paid-events.ts";
import { supportersWithTail } from "./supporters-with-tail.ts";

export interface GifterCounts {
  /** Gave for the first time ever inside the range. */
  readonly new: number;
  /** Gave inside the range and before it. */
  readonly returning: number;
}

/**
 * New and returning gifters (anyone who gave coins: gifts, tips, paid messages) in the range, and
 * the creator's lifetime event count. First and last gift times settle almost everyone; only
 * those who gave both before and after the range need the daily gifter roll-up (and events for
 * partial days at the range's ends and for the tail) to tell whether they gave inside it.
 */
export async function countNewAndReturning(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
): Promise<GifterCounts & { eventsAllTime: bigint }> {
  const [counts] = await tx<
    { new: bigint; returning: bigint; undecided: bigint; events: bigint }[]
  >`
    select count(*) filter (where first_at >= ${range.from} and first_at < ${range.to})::int8 as new,
           count(*) filter (where first_at < ${range.from} and last_at >= ${range.from}
                              and last_at < ${range.to})::int8 as returning,
           count(*) filter (where first_at < ${range.from} and last_at >= ${range.to})::int8 as undecided,
           coalesce(sum(events), 0)::int8 as events
    from (${supportersWithTail(tx, creatorUserId, foldedBelow)}) s`;
  let returning = counts?.returning ?? 0n;
  if ((counts?.undecided ?? 0n) > 0n) {
    const [gaveInside] = await tx<{ n: bigint }[]>`
      select count(*)::int8 as n
      from (${supportersWithTail(tx, creatorUserId, foldedBelow)}) s
      where first_at < ${range.from} and last_at >= ${range.to}
        and viewer_user_id in (${giversInRange(tx, creatorUserId, foldedBelow, range)})`;
    returning += gaveInside?.n ?? 0n;
  }
  return {
    new: toSafeInteger(counts?.new ?? 0n),
    returning: toSafeInteger(returning),
    eventsAllTime: counts?.events ?? 0n,
  };
}

/** Who gave inside the range: daily roll-up for whole days, events for the rest. */
function giversInRange(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  range: AnalyticsRange,
): postgres.Fragment {
  const { wholeDays, partial } = splitIntoDays(range);
  const parts: postgres.Fragment[] = partial.map(
    (part) =>
      tx`select viewer_user_id from (${paidEvents(
        tx,
        tx`creator_user_id = ${creatorUserId} and created_at >= ${part.from} and created_at < ${part.to}`,
      )}) edge`,
  );
  if (wholeDays) {
    parts.push(
      tx`select viewer_user_id from creator_daily_gifters
         where creator_user_id = ${creatorUserId}
           and day >= ${isoDay(wholeDays.from)}::date and day < ${isoDay(wholeDays.to)}::date`,
      tx`select viewer_user_id from (${paidEvents(
        tx,
        tx`tx >= ${foldedBelow}::xid8 and creator_user_id = ${creatorUserId}
           and created_at >= ${wholeDays.from} and created_at < ${wholeDays.to}`,
      )}) tail`,
    );
  }
  return parts.reduce((all, part) => tx`${all} union all ${part}`);
}

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
