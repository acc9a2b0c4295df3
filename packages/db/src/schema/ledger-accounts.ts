import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { counter, writtenAt } from "./columns.ts";

const totals = () => ({
  debitsPosted: counter("debits_posted"),
  creditsPosted: counter("credits_posted"),
  debitsPending: counter("debits_pending"),
  creditsPending: counter("credits_pending"),
});

/**
 * One account per (owner, asset, purpose). Totals move only through transfers. A user account
 * (`debits_must_not_exceed_credits`) can never be overdrawn: the CHECK below is the last word,
 * whatever the application does.
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid("id").primaryKey(),
    asset: text("asset").notNull(),
    purpose: text("purpose").notNull(),
    ownerId: text("owner_id").notNull(),
    debitsMustNotExceedCredits: boolean("debits_must_not_exceed_credits").notNull(),
    /** Hot accounts take unchecked changes in `ledger_account_slots`, not on this row. */
    hot: boolean("hot").notNull().default(false),
    ...totals(),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    unique("ledger_accounts_owner_asset_purpose").on(table.ownerId, table.asset, table.purpose),
    check("ledger_accounts_asset", sql`${table.asset} in ('COIN', 'DIAMOND')`),
    check(
      "ledger_accounts_totals_non_negative",
      sql`${table.debitsPending} >= 0 and ${table.creditsPending} >= 0 and ${table.debitsPosted} >= 0 and ${table.creditsPosted} >= 0`,
    ),
    check(
      "ledger_accounts_debits_must_not_exceed_credits",
      sql`not ${table.debitsMustNotExceedCredits} or ${table.debitsPosted} + ${table.debitsPending} <= ${table.creditsPosted}`,
    ),
  ],
);

/**
 * Partial totals of a hot account, one row per slot. Concurrent writers add to different slots
 * instead of queueing on the account row; the account's totals are the row plus its slots.
 * Slot totals may go below zero (a pending credit posted from another slot); only sums count.
 */
export const ledgerAccountSlots = pgTable(
  "ledger_account_slots",
  {
    accountId: uuid("account_id").notNull(),
    slot: smallint("slot").notNull(),
    ...totals(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.slot] })],
);
