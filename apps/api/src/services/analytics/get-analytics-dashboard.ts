import { toSafeInteger } from "@coinstream/core";
import { accountId, type Tx } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";
import {
  type AnalyticsBucket,
  type AnalyticsRange,
  resolveAnalyticsRange,
} from "./analytics-range.ts";
import { countNewAndReturning } from "./count-new-and-returning.ts";
import { readFolded } from "./read-folded.ts";
import { readHourlyTotals } from "./read-hourly-totals.ts";
import { readSessionTotals } from "./read-session-totals.ts";
import { topGiftersInRange } from "./top-gifters.ts";

export const TOP_GIFTERS_LIMIT = 10;
export const SESSIONS_LIMIT = 20;

export interface DashboardQuery {
  readonly from: string;
  readonly to: string;
  readonly bucket: AnalyticsBucket;
}

/**
 * The caller's own dashboard for a range: totals, a series per bucket, top gifters, gift mix,
 * new vs returning gifters, recent live sessions and diamonds reversed. Every figure is the
 * roll-ups plus the events not folded yet, read in one snapshot, so it is exact at any moment.
 */
export async function getAnalyticsDashboard(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  query: DashboardQuery,
) {
  const range = resolveAnalyticsRange(query);
  return readFolded(sql, async (tx, foldedBelow) => {
    const { totals, series, giftMix } = await readHourlyTotals(tx, userId, foldedBelow, range);
    const gifters = await countNewAndReturning(tx, userId, foldedBelow, range);
    const topGifters = await topGiftersInRange(
      tx,
      userId,
      foldedBelow,
      range,
      { eventsInRange: BigInt(totals.events), eventsAllTime: gifters.eventsAllTime },
      TOP_GIFTERS_LIMIT,
    );
    const sessions = await readSessionTotals(tx, userId, foldedBelow, range, SESSIONS_LIMIT);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      bucket: range.bucket,
      totals,
      series,
      topGifters: topGifters.map((gifter, index) => ({
        rank: index + 1,
        name: gifter.name,
        coins: toSafeInteger(gifter.coins),
      })),
      giftMix,
      gifters: { new: gifters.new, returning: gifters.returning },
      sessions,
      reversedDiamonds: await readReversedDiamonds(tx, userId, range),
    };
  });
}

/** Diamonds taken back from the creator's hold in the range because the gift's purchase was refunded. */
async function readReversedDiamonds(tx: Tx, userId: string, range: AnalyticsRange) {
  const held = accountId({ ownerId: userId, purpose: "creator_held" });
  const [row] = await tx<{ diamonds: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as diamonds from ledger_transfers
    where debit_account_id = ${held} and code = 'gift_reversal' and phase in ('single', 'post_pending')
      and created_at >= ${range.from} and created_at < ${range.to}`;
  return toSafeInteger(row?.diamonds ?? 0n);
}
