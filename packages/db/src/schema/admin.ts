import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Everything an admin does, one row per action, never changed afterwards. */
export const adminAudit = pgTable(
  "admin_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    adminUserId: text("admin_user_id").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("admin_audit_at").on(table.at)],
);

/**
 * Which rate card version is in force from when. Versions are written in core (reviewed code);
 * an admin publishes one by adding an activation. The latest activation not in the future wins.
 */
export const rateCardActivations = pgTable(
  "rate_card_activations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    version: text("version").notNull(),
    activeFrom: timestamp("active_from", { withTimezone: true }).notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("rate_card_activations_from").on(table.activeFrom)],
);
