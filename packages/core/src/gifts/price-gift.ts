import { assertIntegerInRange, multiplyChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { findGift } from "./find-gift.ts";

/** What sending `count` of one gift costs, and the rate card that priced it. */
export interface GiftPrice {
  readonly giftId: string;
  readonly count: number;
  /** Price of one gift, in coins. */
  readonly unitCoins: number;
  /** `unitCoins * count`. */
  readonly coins: number;
  readonly rateCardVersion: string;
}

/**
 * Prices `count` of the gift `giftId` (a whole number within the card's `giftCount`, 1..999 on
 * the current card).
 *
 * @throws DomainError `UNKNOWN_GIFT` for an id the card does not list; `INVALID_INPUT` for a
 * count that is not a whole number in range.
 */
export function priceGift(
  giftId: string,
  count: number,
  rateCard: RateCard = RATE_CARD,
): GiftPrice {
  const gift = findGift(giftId, rateCard);
  assertIntegerInRange(count, rateCard.giftCount.min, rateCard.giftCount.max, "Gift count");
  return {
    giftId: gift.id,
    count,
    unitCoins: gift.coins,
    coins: multiplyChecked(gift.coins, count),
    rateCardVersion: rateCard.version,
  };
}
