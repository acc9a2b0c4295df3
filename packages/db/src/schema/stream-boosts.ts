import { bigint, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/** Paid promotion of a creator's stream in discovery; boosts stack end to end. */
export const streamBoosts = pgTable(
  "stream_boosts",
  {
    /** The id of the coin transfer that paid for it: one boost per payment. */
    id: uuid("id").primaryKey(),
    creatorUserId: text("creator_user_id").notNull(),
    buyerUserId: text("buyer_user_id").notNull(),
    minutes: integer("minutes").notNull(),
    coins: bigint("coins", { mode: "bigint" }).notNull(),
    endsAt: timestamptz("ends_at").notNull(),
    /** Set by the boost-expiry job once `endsAt` has passed (and the stream's rank recomputed). */
    expiredAt: timestamptz("expired_at"),
    createdAt: writtenAt("created_at"),
  },
  (table) => [index("stream_boosts_creator_ends").on(table.creatorUserId, table.endsAt)],
);
