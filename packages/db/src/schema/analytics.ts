import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { counter, timestamptz, writtenAt } from "./columns.ts";

const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/*
 * Analytics roll-ups, folded from `stream_events` by a job. Each fold takes the events written by
 * transactions that finished before the oldest running one, so a read of roll-ups plus the events
 * not yet folded is exact.
 */

/** How far the fold has come: every event with `tx` below `foldedBelow` is in the roll-ups. */
export const analyticsProgress = pgTable("analytics_progress", {
  name: text("name").primaryKey(),
  foldedBelow: xid8("folded_below").notNull(),
  updatedAt: writtenAt("updated_at"),
});

/** Per creator, hour, kind and gift: events, items (gift count), coins and diamonds. */
export const creatorHourlyTotals = pgTable(
  "creator_hourly_totals",
  {
    creatorUserId: text("creator_user_id").notNull(),
    hour: timestamptz("hour").notNull(),
    kind: text("kind").notNull(),
    /** The gift's id; '' for tips and messages. */
    giftId: text("gift_id").notNull().default(""),
    events: counter("events"),
    items: counter("items"),
    coins: counter("coins"),
    diamonds: counter("diamonds"),
  },
  (table) => [primaryKey({ columns: [table.creatorUserId, table.hour, table.kind, table.giftId] })],
);

/** Per creator and supporter: lifetime totals (top gifters, perks, new vs returning). */
export const creatorSupporters = pgTable(
  "creator_supporters",
  {
    creatorUserId: text("creator_user_id").notNull(),
    viewerUserId: text("viewer_user_id").notNull(),
    viewerName: text("viewer_name").notNull(),
    firstAt: timestamptz("first_at").notNull(),
    lastAt: timestamptz("last_at").notNull(),
    events: counter("events"),
    coins: counter("coins"),
    diamonds: counter("diamonds"),
  },
  (table) => [
    primaryKey({ columns: [table.creatorUserId, table.viewerUserId] }),
    index("creator_supporters_top").on(table.creatorUserId, table.coins),
    index("creator_supporters_first").on(table.creatorUserId, table.firstAt),
  ],
);

/** Who gave on which day (UTC), for counting distinct and returning gifters over a range. */
export const creatorDailyGifters = pgTable(
  "creator_daily_gifters",
  {
    creatorUserId: text("creator_user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    viewerUserId: text("viewer_user_id").notNull(),
  },
  (table) => [primaryKey({ columns: [table.creatorUserId, table.day, table.viewerUserId] })],
);

/**
 * A creator's live session: started and ended by the creator (or ended by a job when left open),
 * with an optional coin goal. Totals are folded in by the analytics job.
 */
export const streamSessions = pgTable(
  "stream_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorUserId: text("creator_user_id").notNull(),
    title: text("title"),
    startedAt: writtenAt("started_at"),
    endedAt: timestamptz("ended_at"),
    goalCoins: bigint("goal_coins", { mode: "bigint" }),
    goalTitle: text("goal_title"),
    goalReachedAt: timestamptz("goal_reached_at"),
    events: counter("events"),
    coins: counter("coins"),
    diamonds: counter("diamonds"),
    /** manual (sessions.start) or auto (a viewer event while the page reported live). */
    startedBy: text("started_by").notNull().default("manual"),
    /** manual (sessions.end) or inactivity (the job); null while live. */
    endedBy: text("ended_by"),
  },
  (table) => [
    check("stream_sessions_started_by", sql`${table.startedBy} in ('manual', 'auto')`),
    check("stream_sessions_ended_by", sql`${table.endedBy} in ('manual', 'inactivity')`),
    index("stream_sessions_creator").on(table.creatorUserId, table.startedAt),
    uniqueIndex("stream_sessions_one_live")
      .on(table.creatorUserId)
      .where(sql`${table.endedAt} is null`),
  ],
);
