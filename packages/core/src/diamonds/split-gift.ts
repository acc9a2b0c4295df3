import { assertIntegerInRange, mulDivFloor } from "../money/integers.ts";

/** How a gift's coins divide between the creator (as diamonds) and the platform. */
export interface GiftSplit {
  readonly diamonds: number;
  readonly platformFeeCoins: number;
}

/**
 * Splits a gift's coins: the creator gets `floor(coins * shareBps / 10000)` diamonds, the
 * platform keeps the rest, so `diamonds + platformFeeCoins === coins` always. Rounding goes
 * once, to the platform, and is stated here only.
 */
export function splitGift(coins: number, shareBps: number): GiftSplit {
  assertIntegerInRange(coins, 0, Number.MAX_SAFE_INTEGER, "Gift coins");
  assertIntegerInRange(shareBps, 0, 10_000, "Creator share (bps)");
  const diamonds = mulDivFloor(coins, shareBps, 10_000);
  return { diamonds, platformFeeCoins: coins - diamonds };
}
