import { FIRST_PURCHASE_BONUS, type Promotion, type RateCard } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

/** A `promotions` row as the services read it. */
export interface PromotionRow {
  id: string;
  name: string;
  bonus_bps: number | null;
  max_bonus_coins: bigint | null;
  bonus_coins: bigint | null;
  pack_ids: string[] | null;
  regions: string[] | null;
  starts_at: Date;
  ends_at: Date | null;
  per_account_limit: number | null;
  first_purchase_only: boolean;
  created_by: string;
  created_at: Date;
  ended_by: string | null;
}

export const PROMOTION_COLUMNS = `id, name, bonus_bps, max_bonus_coins, bonus_coins, pack_ids, regions,
  starts_at, ends_at, per_account_limit, first_purchase_only, created_by, created_at, ended_by`;

/** What buyers and admins see of a promotion. */
export interface PromotionView {
  readonly id: string;
  readonly name: string;
  readonly kind: "percent" | "fixed";
  /** Percent promotions: the bonus in basis points (1,000 = 10%). */
  readonly bonusBps: number | null;
  readonly maxBonusCoins: number | null;
  /** Fixed promotions: the coins added. */
  readonly bonusCoins: number | null;
  /** `null`: every pack (and custom amounts). */
  readonly packIds: string[] | null;
  /** `null`: every region. */
  readonly regions: string[] | null;
  readonly startsAt: string;
  /** `null`: until an admin ends it. */
  readonly endsAt: string | null;
  readonly perAccountLimit: number | null;
  readonly firstPurchaseOnly: boolean;
}

/** The rulebook's promotion for a row; the seeded first-purchase row takes the rate card's bonus. */
export function toPromotion(row: PromotionRow, rateCard: RateCard): Promotion {
  const isRateCardBonus = row.bonus_bps === null && row.bonus_coins === null;
  return {
    id: row.id,
    ...(row.bonus_coins !== null
      ? { bonusCoins: Number(row.bonus_coins) }
      : {
          bonusBps: isRateCardBonus ? rateCard.firstPurchaseBonusBps : (row.bonus_bps as number),
          maxBonusCoins: row.max_bonus_coins === null ? null : Number(row.max_bonus_coins),
        }),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    packIds: row.pack_ids ?? "all",
    regions: row.regions ?? "all",
    firstPurchaseOnly: row.first_purchase_only,
    perAccountLimit: row.per_account_limit,
  };
}

export function toPromotionView(row: PromotionRow, rateCard: RateCard): PromotionView {
  const promotion = toPromotion(row, rateCard);
  return {
    id: row.id,
    name: row.name,
    kind: promotion.bonusCoins !== undefined ? "fixed" : "percent",
    bonusBps: promotion.bonusBps ?? null,
    maxBonusCoins: promotion.maxBonusCoins ?? null,
    bonusCoins: promotion.bonusCoins ?? null,
    packIds: row.pack_ids,
    regions: row.regions,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at?.toISOString() ?? null,
    perAccountLimit: row.per_account_limit,
    firstPurchaseOnly: row.first_purchase_only,
  };
}

export interface OfferablePromotions {
  /** For core's `quotePurchase`; always holds the first-purchase row, ended or not, so an admin
   * who ended it is not overridden by the rate card's default. */
  readonly promotions: Promotion[];
  readonly views: ReadonlyMap<string, PromotionView>;
}

/** Promotions live at `now` (plus the first-purchase row), in creation order (ties: the oldest). */
export async function listOfferablePromotions(
  sql: Sql,
  now: Date,
  rateCard: RateCard,
): Promise<OfferablePromotions> {
  const rows = await sql<PromotionRow[]>`
    select ${sql.unsafe(PROMOTION_COLUMNS)} from promotions
    where (starts_at <= ${now} and (ends_at is null or ends_at > ${now})) or id = ${FIRST_PURCHASE_BONUS}
    order by created_at, id`;
  return {
    promotions: rows.map((row) => toPromotion(row, rateCard)),
    views: new Map(rows.map((row) => [row.id, toPromotionView(row, rateCard)])),
  };
}

/**
 * How many of the buyer's purchases were granted each promotion: decided grants of purchases
 * that were paid (and perhaps since reversed: a refund never earns a promotion again) or are
 * being settled.
 */
export async function countRedemptions(
  sql: Sql,
  userId: string,
  exceptPurchaseId: string | null = null,
): Promise<Record<string, number>> {
  const rows = await sql<{ promotion_id: string; used: bigint }[]>`
    select pp.promotion_id, count(*)::int8 as used
    from purchase_promotions pp join purchases p on p.id = pp.purchase_id
    where pp.user_id = ${userId} and pp.granted_coins > 0
      and pp.purchase_id is distinct from ${exceptPurchaseId}::uuid
      and p.status in ('pending', 'processing', 'paid', 'refunded', 'disputed')
    group by pp.promotion_id`;
  return Object.fromEntries(rows.map((row) => [row.promotion_id, Number(row.used)]));
}

/** The views of the promotions a set of quotes applied, each once, for the buyer to read. */
export function appliedViews(
  quotes: readonly { readonly applied: readonly { readonly source: string }[] }[],
  views: ReadonlyMap<string, PromotionView>,
): PromotionView[] {
  const ids = new Set(quotes.flatMap((quote) => quote.applied.map((bonus) => bonus.source)));
  return [...ids].flatMap((id) => views.get(id) ?? []);
}
