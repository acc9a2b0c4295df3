import { bigint, pgTable, uuid } from "drizzle-orm/pg-core";
import { writtenAt } from "./columns.ts";

/**
 * A wallet's lifetime coins given (gift and tip transfers) up to and including transfer
 * `throughSeq`: the wallet adds only the transfers after it instead of summing its whole history.
 * Derived from `ledger_transfers` and never the other way round; it only moves forward.
 */
export const walletGiftedCheckpoints = pgTable("wallet_gifted_checkpoints", {
  walletId: uuid("wallet_id").primaryKey(),
  giftedCoins: bigint("gifted_coins", { mode: "bigint" }).notNull(),
  throughSeq: bigint("through_seq", { mode: "bigint" }).notNull(),
  updatedAt: writtenAt("updated_at"),
});
