import { FIRST_PURCHASE_BONUS, settlePromotionBonuses } from "@coinstream/core";
import { type Sql, transferIdFor } from "@coinstream/db";
import { countRedemptions } from "./offerable-promotions.ts";

/** States a purchase may still be settled from. */
const OPEN = new Set(["pending", "processing"]);

export interface DecidedBonus {
  /** Minted with the purchase (every granted promotion). */
  readonly bonusCoins: bigint;
  /** The first-purchase-only part of it. */
  readonly firstPurchaseBonusCoins: bigint;
}

interface OfferRow {
  promotion_id: string;
  offered_coins: bigint;
  granted_coins: bigint | null;
  first_purchase_only: boolean;
  per_account_limit: number | null;
}

/**
 * The bonus a paid purchase mints. Call it under the buyer's purchase lock. The first time, it
 * decides which offered promotions the purchase keeps (core's `settlePromotionBonuses`: the
 * per-account limits and the first-purchase condition judged again, since several checkouts may
 * have been open) and writes the decision before anything is minted; a settlement redone after
 * a crash reads that decision back, so it mints the same coins.
 */
export async function decidePromotionBonuses(
  sql: Sql,
  purchase: { readonly id: string; readonly user_id: string },
): Promise<DecidedBonus> {
  const offers = await sql<OfferRow[]>`
    select pp.promotion_id, pp.offered_coins, pp.granted_coins,
           coalesce(p.first_purchase_only, pp.promotion_id = ${FIRST_PURCHASE_BONUS}) as first_purchase_only,
           case when p.id is null and pp.promotion_id = ${FIRST_PURCHASE_BONUS} then 1
                else p.per_account_limit end as per_account_limit
    from purchase_promotions pp left join promotions p on p.id = pp.promotion_id
    where pp.purchase_id = ${purchase.id} order by pp.promotion_id`;
  if (offers.every((offer) => offer.granted_coins !== null)) return totals(offers);

  const isMinted = await isBonusMinted(sql, purchase.id);
  const settled = settlePromotionBonuses(
    offers.map((offer) => ({
      promotionId: offer.promotion_id,
      bonusCoins: Number(offer.offered_coins),
      firstPurchaseOnly: offer.first_purchase_only,
      perAccountLimit: offer.per_account_limit,
    })),
    // A bonus minted before decisions were stored (a settlement cut short) stands as offered.
    isMinted
      ? { isFirstPurchase: true, redemptions: {} }
      : {
          isFirstPurchase: await isFirstPurchase(sql, purchase),
          redemptions: await countRedemptions(sql, purchase.user_id, purchase.id),
        },
  );
  const decided = offers.map((offer, i) => ({
    ...offer,
    granted_coins: BigInt(settled[i]?.bonusCoins ?? 0),
  }));
  const result = totals(decided);
  await sql.begin(async (tx) => {
    for (const offer of decided) {
      await tx`
        update purchase_promotions set granted_coins = ${offer.granted_coins}, decided_at = now()
        where purchase_id = ${purchase.id} and promotion_id = ${offer.promotion_id}
          and granted_coins is null`;
    }
    await tx`
      update purchases set bonus_coins = ${result.bonusCoins},
        first_purchase_bonus_coins = ${result.firstPurchaseBonusCoins}
      where id = ${purchase.id} and status in ('pending', 'processing')`;
  });
  return result;
}

function totals(offers: readonly OfferRow[]): DecidedBonus {
  let bonusCoins = 0n;
  let firstPurchaseBonusCoins = 0n;
  for (const offer of offers) {
    const granted = offer.granted_coins ?? 0n;
    bonusCoins += granted;
    if (offer.first_purchase_only) firstPurchaseBonusCoins += granted;
  }
  return { bonusCoins, firstPurchaseBonusCoins };
}

async function isBonusMinted(sql: Sql, purchaseId: string): Promise<boolean> {
  const [row] =
    await sql`select 1 from ledger_transfers where id = ${transferIdFor(purchaseId, "bonus")}`;
  return row !== undefined;
}

/**
 * No other purchase of the buyer completed before this one (paid, or paid and since reversed: a
 * refund never earns a second welcome), nor minted by a settlement that stopped before marking
 * it paid.
 */
async function isFirstPurchase(
  sql: Sql,
  purchase: { readonly id: string; readonly user_id: string },
): Promise<boolean> {
  const others = await sql<{ id: string; status: string }[]>`
    select id, status from purchases
    where user_id = ${purchase.user_id} and id <> ${purchase.id}
      and status in ('pending', 'processing', 'paid', 'refunded', 'disputed')`;
  const open = others.filter((other) => OPEN.has(other.status));
  if (open.length !== others.length) return false;
  const [minted] = await sql<{ others_minted: boolean }[]>`
    select exists (select 1 from ledger_transfers
                   where id = any(${open.map((other) => transferIdFor(other.id, "coins"))}::uuid[])) as others_minted`;
  return minted?.others_minted !== true;
}
