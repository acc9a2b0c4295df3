import { RATE_CARD } from "../rate-card/current.ts";
import type { GiftDefinition, RateCard } from "../rate-card/rate-card.ts";

/**
 * The gift catalog of a rate card, in the card's order: cheapest first (rose, 1 coin, to lion,
 * 29,999 coins, on the current card). Each gift carries its id, display name, price in coins,
 * tier (a price band: basic < 100, premium 100-499, deluxe 500-4,999, legendary >= 5,000) and
 * animation.
 */
export function listGifts(rateCard: RateCard = RATE_CARD): readonly GiftDefinition[] {
  return rateCard.gifts;
}
