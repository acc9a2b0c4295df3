import { assertIntegerInRange, multiplyChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";

/** What a boost of `minutes` costs, and the rate card that priced it. */
export interface BoostPrice {
  readonly minutes: number;
  /** `minutes * boost.coinsPerMinute`. */
  readonly coins: number;
  readonly rateCardVersion: string;
}

/**
 * Prices `minutes` of discovery promotion for a live stream: a whole number of minutes from
 * `boost.minMinutes` to `boost.maxMinutes` (5..240 on the current card), at
 * `boost.coinsPerMinute` coins each.
 *
 * @throws DomainError `INVALID_INPUT` when `minutes` is not a whole number in range.
 */
export function priceBoost(minutes: number, rateCard: RateCard = RATE_CARD): BoostPrice {
  const { minMinutes, maxMinutes, coinsPerMinute } = rateCard.boost;
  assertIntegerInRange(minutes, minMinutes, maxMinutes, "Boost minutes");
  return {
    minutes,
    coins: multiplyChecked(minutes, coinsPerMinute),
    rateCardVersion: rateCard.version,
  };
}
