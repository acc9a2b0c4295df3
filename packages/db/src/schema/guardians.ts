import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * A guardian supervising an account. Either side proposes, the other confirms; an account has at
 * most one active or pending guardian. The guardian's caps live in the supervised account's
 * spending limits; `mayPurchase` gates buying coins.
 */
export const guardianLinks = pgTable(
  "guardian_links",
  {
    id: uuid("id").primaryKey(),
    guardianUserId: text("guardian_user_id").notNull(),
    supervisedUserId: text("supervised_user_id").notNull(),
    /** Who must still confirm: 'guardian' | 'supervised'; null once active. */
    awaiting: text("awaiting"),
    mayPurchase: boolean("may_purchase").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
  },
  (table) => [
    index("guardian_links_guardian").on(table.guardianUserId),
    // One guardian (pending or active) per supervised account.
    uniqueIndex("guardian_links_supervised").on(table.supervisedUserId),
    check(
      "guardian_links_awaiting",
      sql`${table.awaiting} is null or ${table.awaiting} in ('guardian', 'supervised')`,
    ),
    check("guardian_links_distinct", sql`${table.guardianUserId} <> ${table.supervisedUserId}`),
  ],
);

/** Messages for a person inside the product (a guardian hears of each supervised purchase). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("notifications_user").on(table.userId, table.createdAt)],
);
