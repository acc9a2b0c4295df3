import {
  DomainError,
  DomainErrorCode,
  RATE_CARD,
  RATE_CARDS,
  type RateCard,
} from "@coinstream/core";

export type Cosmetic = RateCard["cosmetics"][number];

/** What the profile shop sells under the current rate card, with prices in coins. */
export function listCosmetics(rateCard: RateCard = RATE_CARD) {
  return {
    rateCardVersion: rateCard.version,
    items: rateCard.cosmetics.map(({ id, kind, name, coins, style }) => ({
      id,
      kind,
      name,
      coins,
      style,
    })),
  };
}

/** An item on sale now; an id the shop does not sell is NOT_FOUND. */
export function findCosmeticForSale(itemId: string, rateCard: RateCard = RATE_CARD): Cosmetic {
  const item = rateCard.cosmetics.find((candidate) => candidate.id === itemId);
  if (!item) {
    throw new DomainError(
      DomainErrorCode.NOT_FOUND,
      `The profile shop has no item "${itemId}"; pick one from profile.catalog.`,
      { itemId },
    );
  }
  return item;
}

/** An item someone may own: sold now or by an earlier rate card. */
export function describeCosmetic(itemId: string): Cosmetic | undefined {
  return [RATE_CARD, ...Object.values(RATE_CARDS)]
    .flatMap((card) => card.cosmetics)
    .find((item) => item.id === itemId);
}
