import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/** Where a creator's cash goes. Only a label is kept here; account numbers stay with the provider. */
export const payoutMethods = pgTable(
  "payout_methods",
  {
    userId: text("user_id").primaryKey(),
    method: text("method").notNull(),
    label: text("label").notNull(),
    /** The provider's account to pay (a Stripe Connect account id, `acct_...`), when it has one. */
    providerAccount: text("provider_account"),
    updatedAt: writtenAt("updated_at"),
    /**
     * Set when a change of destination after an earlier withdrawal opened a review: withdrawals
     * to this method are held for an admin until one approves it (null: nothing to review).
     */
    reviewOpenedAt: timestamptz("review_opened_at"),
  },
  (table) => [check("payout_methods_method", sql`${table.method} in ('bank', 'paypal', 'stripe')`)],
);

/**
 * A withdrawal: diamonds reserved as a pending ledger transfer, paid out by the provider, then
 * posted (paid) or voided (failed or timed out), exactly once.
 */
export const withdrawals = pgTable(
  "withdrawals",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    diamonds: bigint("diamonds", { mode: "bigint" }).notNull(),
    method: text("method").notNull(),
    netUsdMinor: bigint("net_usd_minor", { mode: "bigint" }).notNull(),
    /**
     * review (flagged: waits for an admin) | pending | processing (claimed by one payout worker)
     * | paid | failed
     */
    status: text("status").notNull().default("pending"),
    failureReason: text("failure_reason"),
    /** Why fraud rules held the withdrawal for review. */
    flagReason: text("flag_reason"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: timestamptz("reviewed_at"),
    /** When a payout worker claimed it: a claim left too long is reconciled with the provider. */
    claimedAt: timestamptz("claimed_at"),
    /** The provider's id for the payout (a Stripe transfer id, a sandbox reference). */
    providerRef: text("provider_ref"),
    createdAt: writtenAt("created_at"),
    settledAt: timestamptz("settled_at"),
  },
  (table) => [
    unique("withdrawals_user_idempotency_key").on(table.userId, table.idempotencyKey),
    index("withdrawals_user_created").on(table.userId, table.createdAt),
    index("withdrawals_pending").on(table.status).where(sql`${table.status} = 'pending'`),
    check(
      "withdrawals_status",
      sql`${table.status} in ('review', 'pending', 'processing', 'paid', 'failed')`,
    ),
  ],
);
