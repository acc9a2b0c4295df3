import { accountId, type Ledger, PLATFORM_OWNER, type Sql, transferIdFor } from "@coinstream/db";
import { getSupervision } from "../guardians/guardian-links.ts";
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
  price_minor: bigint;
  currency: string;
  status: string;
  provider_session_id: string | null;
}

export type SettleOutcome =
  | "minted"
  | "already_paid"
  | "already_reversed"
  | "unknown_purchase"
  | "amount_mismatch";

/**
 * Mints a paid purchase's coins (and bonus) into the buyer's wallet, exactly once however often
 * the provider reports it: the transfer ids derive from the purchase id, and settlement and
 * reversals of one purchase run one at a time. A payment that does not match what was quoted,
 * or one already refunded or disputed (the refund's event arrived first), mints nothing.
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
  const [purchase] = await sql<
    PurchaseRow[]
  >`select id, user_id, base_coins, bonus_coins, price_minor, currency, status, provider_session_id
    from purchases where id = ${paid.purchaseId}`;
  if (!purchase || purchase.provider_session_id !== paid.sessionId) return "unknown_purchase";
  if (
    purchase.price_minor !== BigInt(paid.amountMinor) ||
    purchase.currency !== paid.currency.toUpperCase()
  ) {
    return "amount_mismatch";
  }
  if (purchase.status === "refunded" || purchase.status === "disputed") return "already_reversed";
  const wallet = await ensureViewerWallet(sql, purchase.user_id);
  const issuance = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" });
  const mint = (leg: "coins" | "bonus", amount: bigint, code: "purchase" | "bonus") => ({
    id: transferIdFor(purchase.id, leg),
    debitAccountId: issuance,
    creditAccountId: wallet,
    asset: "COIN" as const,
    amount,
    code,
    linkedGroup: purchase.id,
    metadata: { purchaseId: purchase.id },
  });
  const transfers = [mint("coins", purchase.base_coins, "purchase")];
  if (purchase.bonus_coins > 0n) transfers.push(mint("bonus", purchase.bonus_coins, "bonus"));
  const results = await ledger.createTransfers(transfers);
  const failed = results.find((r) => r.result !== "ok" && r.result !== "exists");
  if (failed) throw new Error(`minting purchase ${purchase.id} failed: ${failed.result}`);
  const updated = await sql`
    update purchases set status = 'paid', paid_at = now(), payment_intent_id = ${paid.paymentIntentId}
    where id = ${purchase.id} and status = 'pending'`;
  // New coins settle what reversed purchases left owing before they can be spent.
  await settleDebts(sql, ledger, purchase.user_id);
  if (updated.count > 0) await notifyGuardian(sql, purchase);
  return updated.count > 0 ? "minted" : "already_paid";
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

/** Marks a purchase whose checkout was declined or expired as failed (never a paid one). */
export async function markPurchaseFailed(sql: Sql, purchaseId: string): Promise<void> {
  if (!isPurchaseId(purchaseId)) return;
  await sql`update purchases set status = 'failed' where id = ${purchaseId} and status = 'pending'`;
}
