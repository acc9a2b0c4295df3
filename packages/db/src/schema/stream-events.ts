import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Public events of a creator's stream (gifts, tips), stored so a reconnecting viewer resumes
 * from the last id it saw, and announced with NOTIFY after commit.
 */
export const streamEvents = pgTable(
  "stream_events",
  {
    id: bigint("id", { mode: "bigint" }).generatedAlwaysAsIdentity().primaryKey(),
    creatorUserId: text("creator_user_id").notNull(),
    kind: text("kind").notNull(),
    /** Who sent it (not published: events show the name only); ranks leaderboards. */
    viewerUserId: text("viewer_user_id"),
    /** The ledger transfer behind the event: one event per transfer, however often it is retried. */
    transferId: uuid("transfer_id").notNull().unique(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("stream_events_creator").on(table.creatorUserId, table.id),
    index("stream_events_creator_time").on(table.creatorUserId, table.createdAt),
    check("stream_events_kind", sql`${table.kind} in ('gift', 'tip')`),
  ],
);
