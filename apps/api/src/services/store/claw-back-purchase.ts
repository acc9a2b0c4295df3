import { randomUUID } from "node:crypto";
import {
  accountId,
  getBalances,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  transferIdFor,
} from "@coinstream/db";
import { reverseFundedGifts } from "../earnings/reverse-funded-gifts.ts";
import { ensureViewerWallet } from "../wallet/viewer-wallet.ts";
import { isPurchaseId } from "./purchase-id.ts";
import { withPurchaseLock } from "./purchase-lock.ts";

export type ClawBackReason = "refund" | "chargeback";

const issuance = () => accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" });

/**
 * Takes back from the wallet, in steps that are each idempotent, up to `coins`; returns what it
 * took. Each step's transfer id names how much was taken before it, so a retried or redelivered
 * call repeats a step instead of taking twice.
 */
async function takeCoins(
  sql: Sql,
  ledger: Ledger,
  userId: string,
  coins: bigint,
  step: (takenBefore: bigint) => { id: string; metadata: Record<string, unknown> },
  takenBefore: bigint,
): Promise<bigint> {
  const wallet = await ensureViewerWallet(sql, userId);
  let taken = 0n;
  for (let attempt = 0; attempt < 5 && taken < coins; attempt++) {
    const available = (await getBalances(sql, [wallet])).get(wallet)?.available ?? 0n;
    const amount = coins - taken < available ? coins - taken : available;
    if (amount <= 0n) break;
    const { id, metadata } = step(takenBefore + taken);
    const [result] = await ledger.createTransfers([
      {
        id,
        debitAccountId: wallet,
        creditAccountId: issuance(),
        asset: "COIN",
        amount,
        code: "chargeback",
        metadata,
      },
    ]);
    if (result?.result === "ok" || result?.result === "exists") {
      taken += result.transfer.amount;
    } else if (result?.result !== "exceeds_credits") {
      throw new Error(`taking coins back failed: ${result?.result}`);
    }
  }
  return taken;
}

/**
 * A refunded or disputed purchase: its coins (bonus included) leave the wallet; what was already
 * spent becomes a debt that freezes gifting until later purchases settle it, and the gifts it
 * paid for that are still in the hold are taken back from their creators' held diamonds. The
 * purchase is marked reversed last, so a delivery that failed halfway is redone in full.
 *
 * Reversals and settlement of one purchase run one at a time. A refund reported before the
 * payment's success (events arrive in any order; Stripe copies the purchase id onto the charge
 * as `purchaseId` metadata) marks the purchase reversed, and its success then mints nothing.
 */
export async function clawBackPurchase(
  sql: Sql,
  ledger: Ledger,
  paymentIntentId: string,
  reason: ClawBackReason,
  now: Date = new Date(),
  purchaseId: string | null = null,
) {
  const [found] = await sql<{ id: string }[]>`
    select id from purchases
    where payment_intent_id = ${paymentIntentId} or id = ${isPurchaseId(purchaseId) ? purchaseId : null}
    order by payment_intent_id = ${paymentIntentId} desc nulls last limit 1`;
  if (!found) return "unknown_purchase" as const;
  return withPurchaseLock(sql, found.id, () =>
    clawBack(sql, ledger, found.id, paymentIntentId, reason, now),
  );
}

async function clawBack(
  sql: Sql,
  ledger: Ledger,
  purchaseId: string,
  paymentIntentId: string,
  reason: ClawBackReason,
  now: Date,
) {
  const [purchase] = await sql<
    { id: string; user_id: string; base_coins: bigint; bonus_coins: bigint; status: string }[]
  >`
    select id, user_id, base_coins, bonus_coins, status from purchases where id = ${purchaseId}`;
  if (!purchase) return "unknown_purchase" as const;
  const reversed = reason === "refund" ? "refunded" : "disputed";
  const isUnsettled = ["pending", "processing", "review"].includes(purchase.status);
  if (isUnsettled && !(await isMinted(sql, purchase.id))) {
    await sql`
      update purchases set status = ${reversed}, payment_intent_id = ${paymentIntentId}
      where id = ${purchase.id} and status in ('pending', 'processing', 'review')`;
    return "reversed_before_payment" as const;
  }
  // Minted but not yet marked paid: settlement stopped halfway, the coins are still taken back.
  if (purchase.status !== "paid" && !isUnsettled) return "already_reversed" as const;

  const owed = purchase.base_coins + purchase.bonus_coins;
  const [done] = await sql<{ taken: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as taken from ledger_transfers
    where code = 'chargeback' and metadata->>'purchaseId' = ${purchase.id}`;
  const takenBefore = done?.taken ?? 0n;
  const taken = await takeCoins(
    sql,
    ledger,
    purchase.user_id,
    owed - takenBefore,
    (before) => ({
      id: transferIdFor(purchase.id, `${reason}:${before}`),
      metadata: { purchaseId: purchase.id, reason },
    }),
    takenBefore,
  );
  const debt = owed - takenBefore - taken;
  if (debt > 0n) {
    await sql`
      insert into wallet_debts (id, user_id, purchase_id, coins_owed, reason)
      values (${randomUUID()}, ${purchase.user_id}, ${purchase.id}, ${debt}, ${reason})
      on conflict (purchase_id) do nothing`;
  }
  await reverseFundedGifts(
    sql,
    ledger,
    { id: purchase.id, userId: purchase.user_id, reason },
    debt,
    now,
  );
  await sql`
    update purchases set status = ${reversed}
    where id = ${purchase.id} and status in ('paid', 'pending', 'processing', 'review')`;
  return "clawed_back" as const;
}

/** Whether the purchase's coins were minted (settlement may have stopped before marking it paid). */
async function isMinted(sql: Sql, purchaseId: string): Promise<boolean> {
  const [row] =
    await sql`select 1 from ledger_transfers where id = ${transferIdFor(purchaseId, "coins")}`;
  return row !== undefined;
}

/** Coins the person still owes from reversed purchases (0 when the wallet is not frozen). */
export async function outstandingDebt(sql: Sql, userId: string): Promise<bigint> {
  const [row] = await sql<{ owed: bigint }[]>`
    select coalesce(sum(coins_owed - coins_settled), 0)::int8 as owed from wallet_debts where user_id = ${userId}`;
  return row?.owed ?? 0n;
}

/** Pays open debts from the wallet, oldest first (called after new coins arrive). */
export async function settleDebts(sql: Sql, ledger: Ledger, userId: string): Promise<void> {
  const debts = await sql<{ id: string; coins_owed: bigint; coins_settled: bigint }[]>`
    select id, coins_owed, coins_settled from wallet_debts
    where user_id = ${userId} and coins_settled < coins_owed order by created_at`;
  for (const debt of debts) {
    const taken = await takeCoins(
      sql,
      ledger,
      userId,
      debt.coins_owed - debt.coins_settled,
      (before) => ({
        id: transferIdFor(debt.id, `settle:${before}`),
        metadata: { debtId: debt.id },
      }),
      debt.coins_settled,
    );
    if (taken === 0n) return;
    await sql`
      update wallet_debts set coins_settled = coins_settled + ${taken}
      where id = ${debt.id} and coins_settled = ${debt.coins_settled}`;
  }
}
