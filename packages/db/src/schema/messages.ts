import { bigint, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/** A message a viewer paid coins to send to a creator's inbox (its id is the coin transfer's). */
export const paidMessages = pgTable(
  "paid_messages",
  {
    id: uuid("id").primaryKey(),
    creatorUserId: text("creator_user_id").notNull(),
    senderUserId: text("sender_user_id").notNull(),
    senderName: text("sender_name").notNull(),
    body: text("body").notNull(),
    coins: bigint("coins", { mode: "bigint" }).notNull(),
    diamonds: bigint("diamonds", { mode: "bigint" }).notNull(),
    createdAt: writtenAt("created_at"),
    readAt: timestamptz("read_at"),
    /** The creator answers once. */
    reply: text("reply"),
    repliedAt: timestamptz("replied_at"),
    hiddenAt: timestamptz("hidden_at"),
  },
  (table) => [
    index("paid_messages_creator").on(table.creatorUserId, table.createdAt),
    index("paid_messages_sender").on(table.senderUserId, table.createdAt),
  ],
);

/** Viewers a creator blocked: they can no longer send the creator paid messages. */
export const creatorBlocks = pgTable(
  "creator_blocks",
  {
    creatorUserId: text("creator_user_id").notNull(),
    blockedUserId: text("blocked_user_id").notNull(),
    createdAt: writtenAt("created_at"),
  },
  (table) => [primaryKey({ columns: [table.creatorUserId, table.blockedUserId] })],
);
