import { bigint, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { writtenAt } from "./columns.ts";

/** Cosmetics a viewer bought with coins (badge frames, name colours); ids are the rate card's. */
export const viewerCosmetics = pgTable(
  "viewer_cosmetics",
  {
    userId: text("user_id").notNull(),
    itemId: text("item_id").notNull(),
    /** The coin transfer that paid for it. */
    transferId: uuid("transfer_id").notNull().unique(),
    coins: bigint("coins", { mode: "bigint" }).notNull(),
    acquiredAt: writtenAt("acquired_at"),
  },
  (table) => [primaryKey({ columns: [table.userId, table.itemId] })],
);

/** The cosmetics a viewer wears, shown next to their gifts and on leaderboards. */
export const viewerProfiles = pgTable("viewer_profiles", {
  userId: text("user_id").primaryKey(),
  badgeFrame: text("badge_frame"),
  nameColor: text("name_color"),
  /** The entrance effect worn (an animation name), played on the first gift of a live session. */
  entranceEffect: text("entrance_effect"),
  updatedAt: writtenAt("updated_at"),
});
