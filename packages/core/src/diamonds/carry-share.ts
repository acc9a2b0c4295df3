import { assertIntegerInRange } from "../money/integers.ts";

/**
 * How many carry lanes a creator's share runs on. Each ledger writer of a process splits its
 * batch's gifts on its own lane (writer w on lane w % CARRY_LANES), so two batches are in flight
 * at once; each lane's diamonds are exactly floor of its coins times the share, so a creator's
 * total is at most `CARRY_LANES - 1` = 1 diamond below floor(all coins x share), never above.
 */
export const CARRY_LANES = 2;

/** A gift's split when the creator's fractional share carries over from gift to gift. */
export interface CarriedSplit {
  readonly diamonds: number;
  readonly platformFeeCoins: number;
  /** The lane's coins at this share once this gift is counted: the next gift's `coinsBefore`. */
  readonly coinsAfter: bigint;
}

/**
 * Splits a gift so that the creator's fractional share is never lost: with `coinsBefore` coins
 * already given on this lane at `shareBps`, the gift credits
 * `floor((coinsBefore + coins) x share) - floor(coinsBefore x share)` diamonds. Over any sequence
 * of gifts on a lane the diamonds add up to exactly `floor(total coins x share)`: a 1-coin rose
 * at 50% credits 0 and the next one 1. The platform keeps the rest of each gift, so
 * `diamonds + platformFeeCoins === coins` for every gift.
 */
export function splitCarriedGift(
  coinsBefore: bigint,
  coins: number,
  shareBps: number,
): CarriedSplit {
  assertIntegerInRange(coins, 0, Number.MAX_SAFE_INTEGER, "Gift coins");
  assertIntegerInRange(shareBps, 0, 10_000, "Creator share (bps)");
  if (coinsBefore < 0n) throw new RangeError("carried coins cannot be negative");
  const coinsAfter = coinsBefore + BigInt(coins);
  const share = BigInt(shareBps);
  const diamonds = Number((coinsAfter * share) / 10_000n - (coinsBefore * share) / 10_000n);
  return { diamonds, platformFeeCoins: coins - diamonds, coinsAfter };
}

/**
 * The share as an exact decimal of diamonds, for labels: 5 coins at 50% -> "2.5", 100 -> "50".
 */
export function formatExactDiamonds(coins: number, shareBps: number): string {
  assertIntegerInRange(coins, 0, Number.MAX_SAFE_INTEGER, "Gift coins");
  assertIntegerInRange(shareBps, 0, 10_000, "Creator share (bps)");
  const tenThousandths = BigInt(coins) * BigInt(shareBps);
  const whole = tenThousandths / 10_000n;
  const fraction = (tenThousandths % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}
