import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/** A person who receives gifts, under a public handle (what `coinstream:creator` meta tags name). */
export const creators = pgTable(
  "creators",
  {
    userId: text("user_id").primaryKey(),
    handle: text("handle").notNull().unique(),
    /** standard | partner: picks the creator share from the rate card. */
    tier: text("tier").notNull().default("standard"),
    /** A negotiated share in bps that replaces the tier's. */
    shareOverrideBps: integer("share_override_bps"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("creators_tier", sql`${table.tier} in ('standard', 'partner')`),
    check("creators_handle", sql`${table.handle} ~ '^[a-z0-9][a-z0-9_.-]{1,29}$'`),
  ],
);

/**
 * A stream channel a creator claims. A channel belongs to one creator; `verifiedAt` is set once
 * ownership is proved (the channel-linking flow fills these in).
 */
export const creatorChannels = pgTable(
  "creator_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorUserId: text("creator_user_id").notNull(),
    platform: text("platform").notNull(),
    channel: text("channel").notNull(),
    followers: integer("followers").notNull().default(0),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("creator_channels_platform_channel").on(table.platform, table.channel),
    index("creator_channels_creator").on(table.creatorUserId),
    check(
      "creator_channels_platform",
      sql`${table.platform} in ('twitch', 'youtube', 'tiktok', 'kick')`,
    ),
  ],
);
