import { DomainError, DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { GiftDefinition, RateCard } from "../rate-card/rate-card.ts";

/**
 * The gift with id `giftId` on the rate card.
 *
 * @throws DomainError `UNKNOWN_GIFT` when the card lists no such gift.
 */
export function findGift(giftId: string, rateCard: RateCard = RATE_CARD): GiftDefinition {
  const gift = rateCard.gifts.find((candidate) => candidate.id === giftId);
  if (!gift) {
    throw new DomainError(
      DomainErrorCode.UNKNOWN_GIFT,
      `There is no gift "${giftId}" on rate card ${rateCard.version}; pick one from gifts.catalog.`,
      { giftId, rateCardVersion: rateCard.version },
    );
  }
  return gift;
}
