import { assertIntegerInRange, mulDivFloor } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { badgeForLevel, type GifterBadge } from "./badge-for-level.ts";
import { levelThresholds } from "./level-thresholds.ts";

/** Where a gifter stands: their level, badge and progress towards the next level. */
export interface GifterLevel {
  /** 1 to `levels.maxLevel` (50 on the current card). */
  readonly level: number;
  readonly badge: GifterBadge;
  /** Lifetime coins at which the current level was reached. */
  readonly currentThresholdCoins: number;
  /** Lifetime coins needed for the next level; `null` at the top level. */
  readonly nextThresholdCoins: number | null;
  /** Coins still to gift to reach the next level; `null` at the top level. */
  readonly coinsToNextLevel: number | null;
  /**
   * Progress from the current threshold to the next, in basis points (0..9,999, rounded down so
   * 10,000 is never shown before the level is reached); 10,000 at the top level.
   */
  readonly progressBps: number;
}

const FULL_BPS = 10_000;

/**
 * The gifter level for `lifetimeCoins` coins gifted in total: the highest level whose threshold
 * (see `levelThresholds`) has been reached.
 *
 * @throws DomainError `INVALID_INPUT` unless `lifetimeCoins` is a non-negative whole number.
 */
export function levelForCoins(lifetimeCoins: number, rateCard: RateCard = RATE_CARD): GifterLevel {
  assertIntegerInRange(lifetimeCoins, 0, Number.MAX_SAFE_INTEGER, "Lifetime coins");
  const thresholds = levelThresholds(rateCard);

  // Thresholds ascend and the first is 0, so the last one reached is the level (index + 1).
  const level = thresholds.findLastIndex((threshold) => threshold <= lifetimeCoins) + 1;
  const currentThresholdCoins = thresholds[level - 1] ?? 0;
  const nextThresholdCoins = thresholds[level] ?? null;

  if (nextThresholdCoins === null) {
    return {
      level,
      badge: badgeForLevel(level, rateCard),
      currentThresholdCoins,
      nextThresholdCoins: null,
      coinsToNextLevel: null,
      progressBps: FULL_BPS,
    };
  }
  return {
    level,
    badge: badgeForLevel(level, rateCard),
    currentThresholdCoins,
    nextThresholdCoins,
    coinsToNextLevel: nextThresholdCoins - lifetimeCoins,
    progressBps: mulDivFloor(
      lifetimeCoins - currentThresholdCoins,
      FULL_BPS,
      nextThresholdCoins - currentThresholdCoins,
    ),
  };
}
