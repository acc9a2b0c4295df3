import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/**
 * A support ticket a viewer or creator opened. `priority` and `tier` are core's
 * `supportTierFor` at opening (gifter level and lifetime coins spent); the admin queue orders
 * by priority, then age.
 */
export const supportTickets = pgTable(
  "support_tickets",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    subject: text("subject").notNull(),
    tier: text("tier").notNull(),
    priority: integer("priority").notNull(),
    expectedAnswerHours: integer("expected_answer_hours").notNull(),
    /** open (waiting for support) -> answered (waiting for the person) -> ... -> closed. */
    status: text("status").notNull().default("open"),
    createdAt: writtenAt("created_at"),
    updatedAt: writtenAt("updated_at"),
    closedAt: timestamptz("closed_at"),
    closedBy: text("closed_by"),
  },
  (table) => [
    index("support_tickets_user").on(table.userId, table.createdAt),
    index("support_tickets_queue").on(table.status, table.priority, table.createdAt),
    check("support_tickets_status", sql`${table.status} in ('open', 'answered', 'closed')`),
  ],
);

/** A ticket's thread, plain text, oldest first; `author_role` says who wrote it. */
export const supportMessages = pgTable(
  "support_messages",
  {
    id: uuid("id").primaryKey(),
    ticketId: uuid("ticket_id").notNull(),
    authorUserId: text("author_user_id").notNull(),
    authorRole: text("author_role").notNull(),
    body: text("body").notNull(),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    index("support_messages_ticket").on(table.ticketId, table.createdAt),
    check("support_messages_author_role", sql`${table.authorRole} in ('user', 'support')`),
  ],
);
