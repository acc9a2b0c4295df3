import {
  getGiftReleaseAt,
  getHoldReleaseAt,
  NEW_BUYER_DAYS,
  type RateCard,
} from "@coinstream/core";
import type { Tx } from "../spending/spend-coins.ts";

/**
 * The release of the diamonds of a gift `buyerUserId` makes at `now`, when new-buyer coins make
 * it later than the usual hold (core's `getGiftReleaseAt`), as the ISO instant a gift's
 * `holdUntil` metadata carries; null for the usual hold. Reads the buyer's paid purchases of
 * their first 30 days as a buyer (index on user and creation time).
 */
export async function readExtendedHold(
  tx: Tx,
  buyerUserId: string,
  now: Date,
  rateCard: RateCard,
): Promise<string | null> {
  const purchases = await tx<{ paid_at: Date }[]>`
    select paid_at from purchases
    where user_id = ${buyerUserId} and paid_at is not null
      and paid_at < (select min(paid_at) from purchases where user_id = ${buyerUserId} and paid_at is not null)
        + make_interval(days => ${NEW_BUYER_DAYS})`;
  const releaseAt = getGiftReleaseAt(
    now,
    purchases.map((row) => new Date(row.paid_at)),
    rateCard,
  );
  return releaseAt > getHoldReleaseAt(now, rateCard) ? releaseAt.toISOString() : null;
}

/**
 * SQL for when a diamond credit `t` (a gift's leg) leaves the hold: `holdDaysParam` days after it,
 * or its own `holdUntil` when later. The release job, reversals and the creator's status share it.
 */
export function creditReleaseSql(t: string, holdDaysParam: string): string {
  return `greatest(${t}.created_at + make_interval(days => ${holdDaysParam}),
    coalesce((${t}.metadata->>'holdUntil')::timestamptz, ${t}.created_at))`;
}
