import { sql } from "drizzle-orm";
import { bigint, check, customType, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { counter, writtenAt } from "./columns.ts";

/** A PostgreSQL transaction id (`xid8`), read as a decimal string. */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/**
 * Public events of a creator's stream (gifts, tips, paid messages, goal progress), stored so a
 * reconnecting viewer resumes from the last id it saw, and announced with NOTIFY after commit.
 */
export const streamEvents = pgTable(
  "stream_events",
  {
    id: bigint("id", { mode: "bigint" }).generatedAlwaysAsIdentity().primaryKey(),
    creatorUserId: text("creator_user_id").notNull(),
    kind: text("kind").notNull(),
    /** Who sent it (not published: events show the name only); ranks leaderboards. */
    viewerUserId: text("viewer_user_id"),
    /**
     * The ledger transfer behind the event: one event per transfer, however often it is retried.
     * Goal events have none.
     */
    transferId: uuid("transfer_id").unique(),
    /** Coins spent and diamonds earned by the event (0 for goal events): what analytics sum. */
    coins: counter("coins"),
    diamonds: counter("diamonds"),
    /** The live session the event happened in, if the creator was live. */
    sessionId: uuid("session_id"),
    /**
     * The writing transaction's id. Analytics fold events whose transaction is older than every
     * running one, so an event that commits late is never skipped (ids are not commit-ordered).
     */
    tx: xid8("tx").notNull().default(sql`pg_current_xact_id()`),
    payload: jsonb("payload").notNull(),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    index("stream_events_creator").on(table.creatorUserId, table.id),
    index("stream_events_creator_time").on(table.creatorUserId, table.createdAt),
    index("stream_events_tx").on(table.tx),
    // Top gifters over a date range: one supporter's coins in the range from the index alone
    // (kind and coins ride along as trailing keys: drizzle-kit cannot write INCLUDE).
    index("stream_events_creator_viewer").on(
      table.creatorUserId,
      table.viewerUserId,
      table.createdAt,
      table.kind,
      table.coins,
    ),
    check("stream_events_kind", sql`${table.kind} in ('gift', 'tip', 'message', 'goal')`),
  ],
);
