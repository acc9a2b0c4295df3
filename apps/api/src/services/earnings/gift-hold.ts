import { getGiftReleaseAt, getHoldReleaseAt, type RateCard } from "@coinstream/core";

/**
 * The release of the diamonds of a gift made at `now` by a buyer whose paid purchases of their
 * first 30 days as a buyer are `newBuyerPurchases` (the ledger batch reads them), when new-buyer
 * coins make it later than the usual hold (core's `getGiftReleaseAt`), as the ISO instant a
 * gift's `holdUntil` metadata carries; null for the usual hold.
 */
export function extendedHoldFrom(
  newBuyerPurchases: readonly Date[],
  now: Date,
  rateCard: RateCard,
): string | null {
  const releaseAt = getGiftReleaseAt(now, [...newBuyerPurchases], rateCard);
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
