import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

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
    bonusCoins: bigint("bonus_coins", { mode: "bigint" }).notNull(),
    currency: text("currency").notNull(),
    priceMinor: bigint("price_minor", { mode: "bigint" }).notNull(),
    rateCardVersion: text("rate_card_version").notNull(),
    provider: text("provider").notNull(),
    providerSessionId: text("provider_session_id").unique(),
    /** pending | paid | failed */
    status: text("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (table) => [
    unique("purchases_user_idempotency_key").on(table.userId, table.idempotencyKey),
    index("purchases_user_created").on(table.userId, table.createdAt),
    check("purchases_status", sql`${table.status} in ('pending', 'paid', 'failed')`),
    check(
      "purchases_amounts",
      sql`${table.baseCoins} > 0 and ${table.bonusCoins} >= 0 and ${table.priceMinor} > 0`,
    ),
  ],
);

/** Payment provider events already handled: a redelivery is acknowledged and skipped. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
