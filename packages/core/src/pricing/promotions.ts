import { ensure } from "../errors.ts";
import { addChecked, assertIntegerInRange, mulDivFloor } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";

/**
 * A time-boxed bonus: buyers get `bonusBps` of the coins they buy on top, during
 * [startsAt, endsAt), for the listed packs and regions. `packIds: "all"` also covers custom
 * amounts; a list of pack ids covers only those packs.
 */
export interface Promotion {
  readonly id: string;
  readonly bonusBps: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly packIds: "all" | readonly string[];
  /** ISO 3166-1 alpha-2 codes, upper case, or "all". */
  readonly regions: "all" | readonly string[];
}

/** What a purchase is for: a pack id, or null for a custom amount. */
export interface PromotionContext {
  readonly coins: number;
  readonly packId: string | null;
  readonly region: string;
  /** Completed purchases before this one: 0 means this is the buyer's first. */
  readonly purchaseCount: number;
  readonly now: Date;
  readonly promotions: readonly Promotion[];
}

export interface AppliedBonus {
  /** The promotion's id, or "first-purchase". */
  readonly source: string;
  readonly bonusCoins: number;
}

export interface PromotionResult {
  readonly baseCoins: number;
  readonly bonusCoins: number;
  readonly totalCoins: number;
  readonly applied: readonly AppliedBonus[];
}

/** The id under which the first-purchase bonus appears in `applied`. */
export const FIRST_PURCHASE_BONUS = "first-purchase";

/** Whether `promotion` covers this purchase at `now` (the end instant is excluded). */
export function isPromotionActive(
  promotion: Promotion,
  context: Pick<PromotionContext, "packId" | "region" | "now">,
): boolean {
  const time = context.now.getTime();
  const inWindow = promotion.startsAt.getTime() <= time && time < promotion.endsAt.getTime();
  const coversPack =
    promotion.packIds === "all" ||
    (context.packId !== null && promotion.packIds.includes(context.packId));
  const coversRegion =
    promotion.regions === "all" || promotion.regions.includes(context.region.toUpperCase());
  return inWindow && coversPack && coversRegion;
}

/**
 * Bonus coins for a purchase. Time-boxed promotions do not stack with each other: the one
 * giving the most coins applies (ties: the earliest in the list). The first-purchase bonus
 * stacks on top, since it is a one-off welcome rather than a sale. Bonuses round down.
 */
export function applyPromotions(
  context: PromotionContext,
  rateCard: RateCard = RATE_CARD,
): PromotionResult {
  assertIntegerInRange(context.coins, 1, Number.MAX_SAFE_INTEGER, "Coins");
  assertIntegerInRange(context.purchaseCount, 0, Number.MAX_SAFE_INTEGER, "Purchase count");
  const applied: AppliedBonus[] = [];

  let best: AppliedBonus | null = null;
  for (const promotion of context.promotions) {
    assertIntegerInRange(promotion.bonusBps, 1, 10_000, "A promotion's bonus (bps)");
    ensure(
      promotion.startsAt < promotion.endsAt,
      `Promotion "${promotion.id}" ends before it starts.`,
    );
    if (!isPromotionActive(promotion, context)) continue;
    const bonusCoins = mulDivFloor(context.coins, promotion.bonusBps, 10_000);
    if (best === null || bonusCoins > best.bonusCoins) best = { source: promotion.id, bonusCoins };
  }
  if (best !== null && best.bonusCoins > 0) applied.push(best);

  if (context.purchaseCount === 0 && rateCard.firstPurchaseBonusBps > 0) {
    const bonusCoins = mulDivFloor(context.coins, rateCard.firstPurchaseBonusBps, 10_000);
    if (bonusCoins > 0) applied.push({ source: FIRST_PURCHASE_BONUS, bonusCoins });
  }

  const bonusCoins = applied.reduce((sum, bonus) => addChecked(sum, bonus.bonusCoins), 0);
  return {
    baseCoins: context.coins,
    bonusCoins,
    totalCoins: addChecked(context.coins, bonusCoins),
    applied,
  };
}
