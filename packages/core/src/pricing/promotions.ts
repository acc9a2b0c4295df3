import { ensure } from "../errors.ts";
import { addChecked, assertIntegerInRange, mulDivFloor } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";

/** The most a fixed promotion may add, and the most a percent one may be capped at. */
export const MAX_PROMOTION_BONUS_COINS = 1_000_000;

/**
 * A time-boxed bonus: buyers get `bonusBps` of the coins they buy (rounded down, at most
 * `maxBonusCoins`) or a fixed `bonusCoins` on top (exactly one of the two), during
 * [startsAt, endsAt), for the listed packs and regions. `packIds: "all"` also covers custom
 * amounts; a list of pack ids covers only those packs.
 */
export interface Promotion {
  readonly id: string;
  readonly bonusBps?: number | undefined;
  readonly maxBonusCoins?: number | null | undefined;
  readonly bonusCoins?: number | undefined;
  readonly startsAt: Date;
  /** Exclusive; `null` runs until an admin ends it (the seeded first-purchase promotion). */
  readonly endsAt: Date | null;
  readonly packIds: "all" | readonly string[];
  /** ISO 3166-1 alpha-2 codes, upper case, or "all". */
  readonly regions: "all" | readonly string[];
  /** Only for a buyer with no completed purchase. Such promotions stack on the others. */
  readonly firstPurchaseOnly?: boolean | undefined;
  /** How many of an account's purchases may get it; `null` or absent: no limit. */
  readonly perAccountLimit?: number | null | undefined;
}

/** What a purchase is for: a pack id, or null for a custom amount. */
export interface PromotionContext {
  readonly coins: number;
  readonly packId: string | null;
  readonly region: string;
  /** Completed purchases before this one: 0 means this is the buyer's first. */
  readonly purchaseCount: number;
  readonly now: Date;
  /**
   * The promotions on offer. Unless one has the id `FIRST_PURCHASE_BONUS`, the rate card's
   * first-purchase bonus is added as the default promotion.
   */
  readonly promotions: readonly Promotion[];
  /** Purchases of this account that already got each promotion, by promotion id. */
  readonly redemptions?: Readonly<Record<string, number>>;
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

/** The id of the first-purchase promotion (the rate card's default, or its stored copy). */
export const FIRST_PURCHASE_BONUS = "first-purchase";

/** Why a promotion does not apply to a purchase. */
export type PromotionIneligibility =
  | "NOT_STARTED"
  | "ENDED"
  | "OTHER_PACK"
  | "OTHER_REGION"
  | "NOT_FIRST_PURCHASE"
  | "LIMIT_REACHED";

/**
 * The first-purchase bonus as a promotion: the rate card's percentage, for every pack and
 * region, once per account, with no end. Today's rule, so existing buyers see no change.
 */
export function firstPurchasePromotion(rateCard: RateCard = RATE_CARD): Promotion {
  return {
    id: FIRST_PURCHASE_BONUS,
    bonusBps: rateCard.firstPurchaseBonusBps,
    startsAt: new Date(0),
    endsAt: null,
    packIds: "all",
    regions: "all",
    firstPurchaseOnly: true,
    perAccountLimit: 1,
  };
}

/** Throws INVALID_INPUT unless the promotion is well formed (the admin form's rules too). */
export function assertValidPromotion(promotion: Promotion): void {
  const name = `Promotion "${promotion.id}"`;
  ensure(
    (promotion.bonusBps === undefined) !== (promotion.bonusCoins === undefined),
    `${name} needs either a percent or a fixed bonus, not both.`,
  );
  if (promotion.bonusBps !== undefined) {
    assertIntegerInRange(promotion.bonusBps, 1, 10_000, "A promotion's bonus (bps)");
    if (promotion.maxBonusCoins != null) {
      assertIntegerInRange(
        promotion.maxBonusCoins,
        1,
        MAX_PROMOTION_BONUS_COINS,
        "A promotion's bonus cap (coins)",
      );
    }
  } else {
    ensure(promotion.maxBonusCoins == null, `${name} caps only a percent bonus.`);
    assertIntegerInRange(
      promotion.bonusCoins ?? 0,
      1,
      MAX_PROMOTION_BONUS_COINS,
      "A promotion's bonus (coins)",
    );
  }
  ensure(
    promotion.endsAt === null || promotion.startsAt < promotion.endsAt,
    `${name} ends before it starts.`,
  );
  if (promotion.perAccountLimit != null) {
    assertIntegerInRange(promotion.perAccountLimit, 1, 1_000, "A promotion's per-account limit");
  }
}

/** Whether `promotion` covers this purchase at `now` (the end instant is excluded). */
export function isPromotionActive(
  promotion: Promotion,
  context: Pick<PromotionContext, "packId" | "region" | "now">,
): boolean {
  const reason = promotionIneligibility(promotion, { ...context, purchaseCount: 1 });
  return reason === null || reason === "NOT_FIRST_PURCHASE";
}

/** Why `promotion` does not apply to this purchase, or `null` when it does. */
export function promotionIneligibility(
  promotion: Promotion,
  context: Pick<PromotionContext, "packId" | "region" | "now" | "purchaseCount" | "redemptions">,
): PromotionIneligibility | null {
  const time = context.now.getTime();
  if (time < promotion.startsAt.getTime()) return "NOT_STARTED";
  if (promotion.endsAt !== null && time >= promotion.endsAt.getTime()) return "ENDED";
  if (
    promotion.packIds !== "all" &&
    (context.packId === null || !promotion.packIds.includes(context.packId))
  ) {
    return "OTHER_PACK";
  }
  if (promotion.regions !== "all" && !promotion.regions.includes(context.region.toUpperCase())) {
    return "OTHER_REGION";
  }
  if (promotion.firstPurchaseOnly === true && context.purchaseCount > 0) {
    return "NOT_FIRST_PURCHASE";
  }
  const used = context.redemptions?.[promotion.id] ?? 0;
  if (promotion.perAccountLimit != null && used >= promotion.perAccountLimit) {
    return "LIMIT_REACHED";
  }
  return null;
}

/** The bonus `promotion` adds to `coins` bought: percent rounded down and capped, or fixed. */
export function promotionBonusCoins(promotion: Promotion, coins: number): number {
  assertIntegerInRange(coins, 1, Number.MAX_SAFE_INTEGER, "Coins");
  if (promotion.bonusBps === undefined) return promotion.bonusCoins ?? 0;
  const bonus = mulDivFloor(coins, promotion.bonusBps, 10_000);
  return promotion.maxBonusCoins == null ? bonus : Math.min(bonus, promotion.maxBonusCoins);
}

/**
 * Bonus coins for a purchase. Time-boxed promotions do not stack with each other: the one
 * giving the most coins applies (ties: the earliest in the list). A first-purchase promotion
 * (the best one, if several) stacks on top, since it is a one-off welcome rather than a sale.
 * Bonuses round down.
 */
export function applyPromotions(
  context: PromotionContext,
  rateCard: RateCard = RATE_CARD,
): PromotionResult {
  assertIntegerInRange(context.coins, 1, Number.MAX_SAFE_INTEGER, "Coins");
  assertIntegerInRange(context.purchaseCount, 0, Number.MAX_SAFE_INTEGER, "Purchase count");
  const promotions = context.promotions.some((p) => p.id === FIRST_PURCHASE_BONUS)
    ? context.promotions
    : [...context.promotions, firstPurchasePromotion(rateCard)];

  let sale: AppliedBonus | null = null;
  let welcome: AppliedBonus | null = null;
  for (const promotion of promotions) {
    // The rate card may set no first-purchase bonus: its default promotion then gives nothing.
    if (promotion.id === FIRST_PURCHASE_BONUS && promotion.bonusBps === 0) continue;
    assertValidPromotion(promotion);
    if (promotionIneligibility(promotion, context) !== null) continue;
    const bonus = {
      source: promotion.id,
      bonusCoins: promotionBonusCoins(promotion, context.coins),
    };
    if (bonus.bonusCoins === 0) continue;
    if (promotion.firstPurchaseOnly === true) {
      if (welcome === null || bonus.bonusCoins > welcome.bonusCoins) welcome = bonus;
    } else if (sale === null || bonus.bonusCoins > sale.bonusCoins) {
      sale = bonus;
    }
  }
  const applied = [sale, welcome].filter((bonus): bonus is AppliedBonus => bonus !== null);
  const bonusCoins = applied.reduce((sum, bonus) => addChecked(sum, bonus.bonusCoins), 0);
  return {
    baseCoins: context.coins,
    bonusCoins,
    totalCoins: addChecked(context.coins, bonusCoins),
    applied,
  };
}
