import { ensure } from "../errors.ts";
import { assertIntegerInRange } from "../money/integers.ts";

/** A bonus a checkout offered, as recorded with the purchase. */
export interface OfferedBonus {
  readonly promotionId: string;
  readonly bonusCoins: number;
  readonly firstPurchaseOnly: boolean;
  readonly perAccountLimit: number | null;
}

/** What settlement knows about the buyer, read under their purchase lock. */
export interface SettlementFacts {
  /** No other purchase of the buyer completed (or minted) before this one. */
  readonly isFirstPurchase: boolean;
  /** The buyer's other purchases granted each promotion, by promotion id. */
  readonly redemptions: Readonly<Record<string, number>>;
}

export interface SettledBonus {
  readonly promotionId: string;
  /** The offered coins, or 0 when the promotion is no longer the buyer's to have. */
  readonly bonusCoins: number;
  readonly refusal: "NOT_FIRST_PURCHASE" | "LIMIT_REACHED" | null;
}

/**
 * Which offered bonuses a paid purchase keeps. What checkout showed is a promise: a promotion
 * that ended since still pays. But the per-account limit and the first-purchase condition are
 * judged again now, since several checkouts may have been open at once. Never more than offered.
 */
export function settlePromotionBonuses(
  offered: readonly OfferedBonus[],
  facts: SettlementFacts,
): SettledBonus[] {
  const seen = new Set<string>();
  return offered.map((bonus) => {
    ensure(!seen.has(bonus.promotionId), `Promotion "${bonus.promotionId}" was offered twice.`);
    seen.add(bonus.promotionId);
    assertIntegerInRange(bonus.bonusCoins, 0, Number.MAX_SAFE_INTEGER, "Offered bonus coins");
    const used = facts.redemptions[bonus.promotionId] ?? 0;
    const refusal =
      bonus.firstPurchaseOnly && !facts.isFirstPurchase
        ? "NOT_FIRST_PURCHASE"
        : bonus.perAccountLimit !== null && used >= bonus.perAccountLimit
          ? "LIMIT_REACHED"
          : null;
    return {
      promotionId: bonus.promotionId,
      bonusCoins: refusal === null ? bonus.bonusCoins : 0,
      refusal,
    };
  });
}
