import { accountId, type Ledger, PLATFORM_OWNER, type Sql, transferIdFor } from "@coinstream/db";
import { getSupervision } from "../guardians/guardian-links.ts";
import { decidePromotionBonuses } from "../promotions/decide-promotion-bonuses.ts";
import { ensureViewerWallet } from "../wallet/viewer-wallet.ts";
import { settleDebts } from "./claw-back-purchase.ts";
import { isPurchaseId } from "./purchase-id.ts";
import { withPurchaseLock } from "./purchase-lock.ts";

export interface PaidSession {
  readonly purchaseId: string;
  readonly sessionId: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** Stripe's payment intent, which later refunds and disputes name. */
  readonly paymentIntentId: string | null;
}

/** The columns settlement reads from `purchases`. */
interface PurchaseRow {
  id: string;
  user_id: string;
  base_coins: bigint;
  bonus_coins: bigint;
  first_purchase_bonus_coins: bigint;
  price_minor: bigint;
  currency: string;
  status: string;
  provider_session_id: string | null;
}

export type SettleOutcome =
  | "minted"
  | "already_paid"
  | "already_reversed"
  | "held_for_review"
  | "unknown_purchase"
  | "amount_mismatch";

/** States a purchase may be settled (minted) from. */
const SETTLEABLE = new Set(["pending", "processing"]);

/**
 * Mints a paid purchase's coins (and bonus) into the buyer's wallet, exactly once however often
 * the provider reports it: the transfer ids derive from the purchase id, and settlement and
 * reversals of one buyer's purchases run one at a time. Only a pending or processing purchase settles: a
 * payment that does not match what was quoted, or one already refunded or disputed (the refund's
 * event arrived first), mints nothing; a payment reported for a purchase that had failed (its
 * checkout expired or was declined) mints nothing either and moves it to `review`, since money
 * was taken: support refunds it, and the refund's event closes the purchase.
 */
export async function settlePaidPurchase(
  sql: Sql,
  ledger: Ledger,
  paid: PaidSession,
): Promise<SettleOutcome> {
  if (!isPurchaseId(paid.purchaseId)) return "unknown_purchase";
  return withPurchaseLock(sql, paid.purchaseId, () => settle(sql, ledger, paid));
}

async function settle(sql: Sql, ledger: Ledger, paid: PaidSession): Promise<SettleOutcome> {
  const [purchase] = await sql<PurchaseRow[]>`
    select id, user_id, base_coins, bonus_coins, first_purchase_bonus_coins, price_minor, currency,
           status, provider_session_id
    from purchases where id = ${paid.purchaseId}`;
  if (!purchase || purchase.provider_session_id !== paid.sessionId) return "unknown_purchase";
  if (
    purchase.price_minor !== BigInt(paid.amountMinor) ||
    purchase.currency !== paid.currency.toUpperCase()
  ) {
    return "amount_mismatch";
  }
  if (purchase.status === "refunded" || purchase.status === "disputed") return "already_reversed";
  if (purchase.status === "paid") return "already_paid";
  if (!SETTLEABLE.has(purchase.status)) {
    await sql`
      update purchases set status = 'review',
        payment_intent_id = coalesce(payment_intent_id, ${paid.paymentIntentId})
      where id = ${purchase.id} and status = 'failed'`;
    return "held_for_review";
  }
  const wallet = await ensureViewerWallet(sql, purchase.user_id);
  // The buyer's lock is held: no other purchase of theirs settles while the bonus is decided.
  const settled = await decidePromotionBonuses(sql, purchase);
  await mint(ledger, purchase, wallet, settled.bonusCoins);
  const updated = await sql`
    update purchases set status = 'paid', paid_at = now(), payment_intent_id = ${paid.paymentIntentId},
      bonus_coins = ${settled.bonusCoins}, first_purchase_bonus_coins = ${settled.firstPurchaseBonusCoins}
    where id = ${purchase.id} and status in ('pending', 'processing')`;
  // New coins settle what reversed purchases left owing before they can be spent.
  await settleDebts(sql, ledger, purchase.user_id);
  if (updated.count === 0) return "already_paid";
  await notifyGuardian(sql, { ...purchase, bonus_coins: settled.bonusCoins });
  return "minted";
}

async function mint(ledger: Ledger, purchase: PurchaseRow, wallet: string, bonusCoins: bigint) {
  const issuance = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" });
  const leg = (name: "coins" | "bonus", amount: bigint, code: "purchase" | "bonus") => ({
    id: transferIdFor(purchase.id, name),
    debitAccountId: issuance,
    creditAccountId: wallet,
    asset: "COIN" as const,
    amount,
    code,
    linkedGroup: purchase.id,
    metadata: { purchaseId: purchase.id },
  });
  const transfers = [leg("coins", purchase.base_coins, "purchase")];
  if (bonusCoins > 0n) transfers.push(leg("bonus", bonusCoins, "bonus"));
  const results = await ledger.createTransfers(transfers);
  const failed = results.find((r) => r.result !== "ok" && r.result !== "exists");
  if (failed) throw new Error(`minting purchase ${purchase.id} failed: ${failed.result}`);
}

/** Tells a supervised buyer's guardian about the purchase, in their notifications. */
async function notifyGuardian(sql: Sql, purchase: PurchaseRow): Promise<void> {
  const { guardianUserId, linkId } = await getSupervision(sql, purchase.user_id);
  if (!guardianUserId) return;
  const payload = {
    purchaseId: purchase.id,
    linkId,
    coins: Number(purchase.base_coins + purchase.bonus_coins),
    priceMinor: Number(purchase.price_minor),
    currency: purchase.currency,
  };
  await sql`
    insert into notifications (user_id, kind, payload)
    values (${guardianUserId}, 'supervised_purchase', ${JSON.stringify(payload)}::text::jsonb)`;
}

/**
 * Marks a purchase whose checkout was declined or expired, or whose delayed payment failed, as
 * failed: only from pending or processing, and never once its coins were minted.
 */
export async function markPurchaseFailed(
  sql: Sql,
  purchaseId: string,
): Promise<"failed" | "ignored"> {
  if (!isPurchaseId(purchaseId)) return "ignored";
  return withPurchaseLock(sql, purchaseId, async () => {
    const updated = await sql`
      update purchases set status = 'failed'
      where id = ${purchaseId} and status in ('pending', 'processing')
        and not exists (select 1 from ledger_transfers where id = ${transferIdFor(purchaseId, "coins")})`;
    return updated.count > 0 ? "failed" : "ignored";
  });
}

/**
 * A checkout completed with a delayed payment method (bank debit, voucher): the payment is still
 * on its way, so the purchase shows as processing until Stripe reports it succeeded or failed.
 */
export async function markPurchaseProcessing(
  sql: Sql,
  session: Pick<PaidSession, "purchaseId" | "sessionId" | "paymentIntentId">,
): Promise<"processing" | "ignored"> {
  if (!isPurchaseId(session.purchaseId)) return "ignored";
  return withPurchaseLock(sql, session.purchaseId, async () => {
    const updated = await sql`
      update purchases set status = 'processing',
        payment_intent_id = coalesce(payment_intent_id, ${session.paymentIntentId})
      where id = ${session.purchaseId} and provider_session_id = ${session.sessionId}
        and status = 'pending'`;
    return updated.count > 0 ? "processing" : "ignored";
  });
}
