import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { writtenAt } from "./columns.ts";

/**
 * A person's spending limits as the rulebook's `LimitSettings` (viewer caps, guardian caps,
 * scheduled loosening), stored whole: the rules for changing them live in core.
 */
export const spendingLimits = pgTable("spending_limits", {
  userId: text("user_id").primaryKey(),
  settings: jsonb("settings").notNull(),
  updatedAt: writtenAt("updated_at"),
});
