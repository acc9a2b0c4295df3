import { ensure } from "../errors.ts";
import { addChecked, mulDivCeil } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";

/**
 * Lifetime coins gifted needed for each gifter level; index `level - 1`, so `[0]` is level 1 at
 * 0 coins and `[1]` level 2 at `levels.firstThresholdCoins`. Each later threshold is the one
 * before plus `growthPercent`%, rounded up, computed with integers only so every runtime agrees
 * to the coin.
 *
 * @throws DomainError `INVALID_INPUT` when the card's level rules are not positive whole
 * numbers; `OVERFLOW` if a threshold would leave the safe integer range.
 */
export function levelThresholds(rateCard: RateCard = RATE_CARD): number[] {
  const { maxLevel, firstThresholdCoins, growthPercent } = rateCard.levels;
  // Rounding up from a positive start with positive growth keeps thresholds strictly increasing.
  ensure(
    [maxLevel, firstThresholdCoins, growthPercent].every((n) => Number.isSafeInteger(n) && n >= 1),
    `Rate card ${rateCard.version} needs whole, positive maxLevel, firstThresholdCoins and growthPercent.`,
    { levels: rateCard.levels },
  );

  const growthFactorPercent = addChecked(100, growthPercent);
  const thresholds = [0];
  let threshold = firstThresholdCoins;
  for (let level = 2; level <= maxLevel; level += 1) {
    if (level > 2) threshold = mulDivCeil(threshold, growthFactorPercent, 100);
    thresholds.push(threshold);
  }
  return thresholds;
}
