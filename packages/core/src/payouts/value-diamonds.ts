import { assertIntegerInRange, multiplyChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";

/**
 * What diamonds are worth before payout fees, in US cents (the rate card's withdrawal rate): the
 * gross of a withdrawal of that many, so earnings and the withdrawal preview never disagree.
 */
export function valueDiamondsUsdMinor(diamonds: number, rateCard: RateCard = RATE_CARD): number {
  assertIntegerInRange(diamonds, 0, Number.MAX_SAFE_INTEGER, "Diamonds");
  return multiplyChecked(diamonds, rateCard.payout.usdMinorPerDiamond);
}
