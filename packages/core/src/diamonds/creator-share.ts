import { assertIntegerInRange } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { CreatorTier, RateCard } from "../rate-card/rate-card.ts";

/** What decides a creator's share: their tier, and an individually negotiated override if any. */
export interface CreatorShareTerms {
  readonly tier: CreatorTier;
  /** A per-creator share in bps that replaces the tier's, e.g. for a signed partner deal. */
  readonly overrideBps?: number | null;
}

/** The creator's share of each gift in basis points (standard 5,000 = 50%, partner 6,000). */
export function getCreatorShareBps(
  terms: CreatorShareTerms,
  rateCard: RateCard = RATE_CARD,
): number {
  if (terms.overrideBps !== undefined && terms.overrideBps !== null) {
    return assertIntegerInRange(terms.overrideBps, 0, 10_000, "A creator share override (bps)");
  }
  return rateCard.creatorShareBps[terms.tier];
}
