import { sql } from "drizzle-orm";
import { check, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { counter, timestamptz, writtenAt } from "./columns.ts";

/**
 * A creator's OBS overlay settings (alert threshold, duration, sound, full-screen tiers, goal
 * bar, top gifters, colours), validated by the API before they are stored; missing keys take
 * the API's defaults, so a setting added later needs no backfill.
 */
export const overlaySettings = pgTable(
  "overlay_settings",
  {
    creatorUserId: text("creator_user_id").primaryKey(),
    settings: jsonb("settings").notNull(),
    updatedAt: writtenAt("updated_at"),
  },
  (table) => [check("overlay_settings_object", sql`jsonb_typeof(${table.settings}) = 'object'`)],
);

/**
 * When a creator's stream page last said it was live (reported by extensions watching it; at
 * most one write per creator every 30 s). A viewer event while this is fresh starts a session.
 */
export const creatorLiveSignals = pgTable("creator_live_signals", {
  creatorUserId: text("creator_user_id").primaryKey(),
  /** The first report of the current run (reports more than 2 minutes apart start a new run). */
  liveSince: timestamptz("live_since").notNull(),
  lastLiveAt: timestamptz("last_live_at").notNull(),
});

/**
 * A boost's reach per minute: listings it appeared in (impressions, one per viewer per window)
 * and clicks through. Counters, not a row per view: each process adds its counts in batches.
 */
export const boostReachMinutes = pgTable(
  "boost_reach_minutes",
  {
    boostId: uuid("boost_id").notNull(),
    minute: timestamptz("minute").notNull(),
    impressions: counter("impressions"),
    clicks: counter("clicks"),
  },
  (table) => [primaryKey({ columns: [table.boostId, table.minute] })],
);

/** Who clicked a boosted listing in which window: a click counts once per viewer per window. */
export const boostClicks = pgTable(
  "boost_clicks",
  {
    boostId: uuid("boost_id").notNull(),
    viewerKey: text("viewer_key").notNull(),
    windowStart: timestamptz("window_start").notNull(),
  },
  (table) => [primaryKey({ columns: [table.boostId, table.viewerKey, table.windowStart] })],
);
