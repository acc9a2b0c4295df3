import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/**
 * Every movement of coins or diamonds, append-only: a trigger refuses UPDATE, DELETE and
 * TRUNCATE, so corrections are new transfers. `seq` orders history for keyset paging.
 */
export const ledgerTransfers = pgTable(
  "ledger_transfers",
  {
    seq: bigint("seq", { mode: "bigint" }).generatedAlwaysAsIdentity().notNull(),
    id: uuid("id").primaryKey(),
    // No foreign keys: each would take a KEY SHARE lock on the (hot) account rows for every
    // insert. The engine checks accounts exist, accounts are never deleted (a trigger refuses
    // it) and checkLedger() reports any transfer naming an unknown account.
    debitAccountId: uuid("debit_account_id").notNull(),
    creditAccountId: uuid("credit_account_id").notNull(),
    asset: text("asset").notNull(),
    amount: bigint("amount", { mode: "bigint" }).notNull(),
    code: text("code").notNull(),
    /** single | pending | post_pending | void_pending */
    phase: text("phase").notNull(),
    pendingId: uuid("pending_id"),
    linkedGroup: text("linked_group"),
    timeoutAt: timestamptz("timeout_at"),
    metadata: jsonb("metadata").notNull().default({}),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    check("ledger_transfers_amount_positive", sql`${table.amount} > 0`),
    check("ledger_transfers_asset", sql`${table.asset} in ('COIN', 'DIAMOND')`),
    check(
      "ledger_transfers_phase",
      sql`${table.phase} in ('single', 'pending', 'post_pending', 'void_pending')`,
    ),
    check(
      "ledger_transfers_pending_reference",
      sql`(${table.phase} in ('post_pending', 'void_pending')) = (${table.pendingId} is not null)`,
    ),
    check(
      "ledger_transfers_distinct_accounts",
      sql`${table.debitAccountId} <> ${table.creditAccountId}`,
    ),
    // A pending transfer is posted or voided once: the database refuses a second resolution.
    uniqueIndex("ledger_transfers_resolves_once")
      .on(table.pendingId)
      .where(sql`${table.pendingId} is not null`),
    index("ledger_transfers_debit_history").on(table.debitAccountId, table.seq),
    index("ledger_transfers_credit_history").on(table.creditAccountId, table.seq),
    index("ledger_transfers_open_pending")
      .on(table.timeoutAt)
      .where(sql`${table.phase} = 'pending' and ${table.timeoutAt} is not null`),
  ],
);

/** Ids whose transfer failed: a failed id stays failed, so a retry can never succeed late. */
export const ledgerFailedTransfers = pgTable("ledger_failed_transfers", {
  id: uuid("id").primaryKey(),
  result: text("result").notNull(),
  failedAt: writtenAt("failed_at"),
});
