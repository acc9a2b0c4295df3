import { DomainError, DomainErrorCode } from "../errors.ts";
import type { RateCard, RegionRules } from "./rate-card.ts";
import { RATE_CARD_2026_11 } from "./v2026-11.ts";
import { RATE_CARD_2026_12 } from "./v2026-12.ts";

/** Every rate card ever published, so a stored version can always be read back. */
export const RATE_CARDS: Readonly<Record<string, RateCard>> = {
  [RATE_CARD_2026_11.version]: RATE_CARD_2026_11,
  [RATE_CARD_2026_12.version]: RATE_CARD_2026_12,
};

/** The rate card new computations use. */
export const RATE_CARD: RateCard = RATE_CARD_2026_12;

/** The rate card a stored computation used. */
export function getRateCard(version: string): RateCard {
  const card = Object.hasOwn(RATE_CARDS, version) ? RATE_CARDS[version] : undefined;
  if (!card) {
    throw new DomainError(DomainErrorCode.INVALID_INPUT, `No rate card has version "${version}".`, {
      version,
    });
  }
  return card;
}

/**
 * The rules for an ISO 3166-1 alpha-2 region code (case-insensitive). Regions the card does not
 * list get the default rules (USD prices, age 18), so nobody is shut out by a missing row.
 */
export function getRegionRules(region: string, rateCard: RateCard = RATE_CARD): RegionRules {
  const code = region.trim().toUpperCase();
  return (
    (Object.hasOwn(rateCard.regions, code) ? rateCard.regions[code] : undefined) ??
    rateCard.defaultRegion
  );
}
