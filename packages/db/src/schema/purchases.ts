import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { counter, timestamptz, writtenAt } from "./columns.ts";

/**
 * A coin purchase from checkout to payment. Coins are minted by the ledger (transfer ids derived
 * from the purchase id, so at most once); this row records what was quoted and where it stands.
 */
export const purchases = pgTable(
  "purchases",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    /** The buyer's key for this checkout: retrying it returns the same purchase. */
    idempotencyKey: text("idempotency_key").notNull(),
    packId: text("pack_id"),
    baseCoins: bigint("base_coins", { mode: "bigint" }).notNull(),
    /** Offered at checkout until settlement, then what was minted (first-purchase part included). */
    bonusCoins: bigint("bonus_coins", { mode: "bigint" }).notNull(),
    /**
     * The first-purchase-only promotions' part of `bonusCoins` (the seeded `first-purchase` one):
     * offered at checkout while the buyer has no completed purchase, kept at settlement only if no
     * other purchase of theirs settled first. Each promotion's part is in `purchase_promotions`.
     */
    firstPurchaseBonusCoins: bigint("first_purchase_bonus_coins", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    currency: text("currency").notNull(),
    priceMinor: bigint("price_minor", { mode: "bigint" }).notNull(),
    rateCardVersion: text("rate_card_version").notNull(),
    provider: text("provider").notNull(),
    providerSessionId: text("provider_session_id").unique(),
    /** Stripe's payment intent, which refunds and disputes name. */
    paymentIntentId: text("payment_intent_id").unique(),
    /**
     * pending -> processing (a delayed payment method) -> paid (minted) -> refunded | disputed;
     * pending | processing -> failed (expired, declined, delayed payment failed); failed -> review
     * (the provider reported a payment after the failure: nothing minted, support refunds it);
     * pending | processing | review -> refunded | disputed before any coins were minted.
     */
    status: text("status").notNull().default("pending"),
    createdAt: writtenAt("created_at"),
    paidAt: timestamptz("paid_at"),
  },
  (table) => [
    unique("purchases_user_idempotency_key").on(table.userId, table.idempotencyKey),
    index("purchases_user_created").on(table.userId, table.createdAt),
    check(
      "purchases_status",
      sql`${table.status} in ('pending', 'processing', 'paid', 'failed', 'review', 'refunded', 'disputed')`,
    ),
    check(
      "purchases_amounts",
      sql`${table.baseCoins} > 0 and ${table.bonusCoins} >= ${table.firstPurchaseBonusCoins} and ${table.firstPurchaseBonusCoins} >= 0 and ${table.priceMinor} > 0`,
    ),
  ],
);

/** Payment provider events already handled: a redelivery is acknowledged and skipped. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: writtenAt("received_at"),
});

/**
 * Coins a refunded or disputed purchase took back that the wallet no longer held: the wallet is
 * frozen while any debt is unsettled, and later purchases settle it first.
 */
export const walletDebts = pgTable(
  "wallet_debts",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    purchaseId: uuid("purchase_id").notNull().unique(),
    coinsOwed: bigint("coins_owed", { mode: "bigint" }).notNull(),
    coinsSettled: counter("coins_settled"),
    reason: text("reason").notNull(),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    index("wallet_debts_user").on(table.userId),
    check(
      "wallet_debts_amounts",
      sql`${table.coinsSettled} >= 0 and ${table.coinsSettled} <= ${table.coinsOwed}`,
    ),
  ],
);

/**
 * Who is settling or reversing a buyer's purchases right now (`lock_key` names the buyer): a
 * lease, held without holding a database connection, so a burst of webhook deliveries cannot
 * take every pooled connection while each holder waits for one more. A lease outlived by a
 * crash expires.
 */
export const purchaseLocks = pgTable("purchase_locks", {
  lockKey: text("lock_key").primaryKey(),
  holder: uuid("holder").notNull(),
  expiresAt: timestamptz("expires_at").notNull(),
});
