import {
  DomainError,
  DomainErrorCode,
  RATE_CARD,
  RATE_CARDS,
  type RateCard,
} from "@coinstream/core";

export type Cosmetic = RateCard["cosmetics"][number];

const KIND_NAMES: Readonly<Record<Cosmetic["kind"], string>> = {
  badge_frame: "badge frame",
  name_color: "name colour",
  entrance: "entrance effect",
  sticker: "sticker",
};

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

/**
 * An item of `kind` someone may own (sold now or before): NOT_FOUND for an unknown id,
 * INVALID_INPUT for an item of another kind (a sticker worn as a frame, a frame sent as a sticker).
 */
export function requireCosmeticOfKind(itemId: string, kind: Cosmetic["kind"]): Cosmetic {
  const item = describeCosmetic(itemId);
  if (!item) {
    throw new DomainError(DomainErrorCode.NOT_FOUND, `There is no item "${itemId}".`, { itemId });
  }
  if (item.kind !== kind) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `The ${item.name} is a ${KIND_NAMES[item.kind]}, not a ${KIND_NAMES[kind]}.`,
      { itemId, kind: item.kind },
    );
  }
  return item;
}

/** Refuses an item the person does not own, naming where to buy it. */
export function notOwnedError(item: Cosmetic, use: string): DomainError {
  return new DomainError(
    DomainErrorCode.FORBIDDEN_CHANGE,
    `You don't own the ${item.name}; buy it in the profile shop to ${use}.`,
    { itemId: item.id, reason: "NOT_OWNED" },
  );
}
