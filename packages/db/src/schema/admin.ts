import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

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
    at: writtenAt("at"),
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
    activeFrom: timestamptz("active_from").notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: writtenAt("published_at"),
  },
  (table) => [index("rate_card_activations_from").on(table.activeFrom)],
);
