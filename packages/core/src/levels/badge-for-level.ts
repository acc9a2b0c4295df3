import { assertIntegerInRange } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";

/** The badge shown next to a gifter's name, one per band of ten levels. */
export type GifterBadge = "bronze" | "silver" | "gold" | "platinum" | "diamond" | "legend";

// Display bands are fixed by design, not by the rate card: a badge should not change colour
// because rates were revised.
const BADGE_BANDS: readonly { readonly fromLevel: number; readonly badge: GifterBadge }[] = [
  { fromLevel: 50, badge: "legend" },
  { fromLevel: 40, badge: "diamond" },
  { fromLevel: 30, badge: "platinum" },
  { fromLevel: 20, badge: "gold" },
  { fromLevel: 10, badge: "silver" },
  { fromLevel: 1, badge: "bronze" },
];

/**
 * The badge for a gifter level: 1-9 bronze, 10-19 silver, 20-29 gold, 30-39 platinum, 40-49
 * diamond, 50 legend.
 *
 * @throws DomainError `INVALID_INPUT` unless `level` is a whole number from 1 to the card's
 * `levels.maxLevel`.
 */
export function badgeForLevel(level: number, rateCard: RateCard = RATE_CARD): GifterBadge {
  assertIntegerInRange(level, 1, rateCard.levels.maxLevel, "Gifter level");
  const band = BADGE_BANDS.find((candidate) => level >= candidate.fromLevel);
  return band?.badge ?? "bronze";
}
