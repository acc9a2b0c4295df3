import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { counter, timestamptz, writtenAt } from "./columns.ts";

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
    /** The secret in the OBS overlay's URL (`/overlay/<key>`); rotating it retires the old URL. */
    overlayKey: text("overlay_key").unique(),
    /** What a paid message to this creator costs, within the rate card's bounds. */
    messagePriceCoins: integer("message_price_coins").notNull().default(100),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    check("creators_tier", sql`${table.tier} in ('standard', 'partner')`),
    check("creators_handle", sql`${table.handle} ~ '^[a-z0-9][a-z0-9_.-]{1,29}$'`),
  ],
);

/**
 * Coins given to a creator at one share, per carry lane (core's `splitCarriedGift`): a ledger
 * batch locks its writer's lane (writer w, lane w % CARRY_LANES) and credits each gift
 * floor(after x share) - floor(before x share) diamonds, so the fractional share carries over
 * instead of going to the platform.
 */
export const creatorShareCarries = pgTable(
  "creator_share_carries",
  {
    creatorUserId: text("creator_user_id").notNull(),
    shareBps: integer("share_bps").notNull(),
    lane: smallint("lane").notNull(),
    coins: counter("coins"),
  },
  (table) => [
    primaryKey({ columns: [table.creatorUserId, table.shareBps, table.lane] }),
    check("creator_share_carries_coins", sql`${table.coins} >= 0`),
  ],
);

/**
 * A creator's claim on a stream channel (or, for `web`, a website host). A claim is proved with
 * its verification code; at most one verified, linked claim exists per channel (the owner).
 * Unlinking sets `unlinkedAt` and keeps the row as history; a moved channel's old claim is
 * unlinked the same way, with a `channel_audit` entry.
 */
export const creatorChannels = pgTable(
  "creator_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorUserId: text("creator_user_id").notNull(),
    platform: text("platform").notNull(),
    channel: text("channel").notNull(),
    /** The page the verification fetch reads (the channel's about page, or the website). */
    url: text("url"),
    /** The code the creator places in their bio, well-known file or meta tag. */
    verificationCode: text("verification_code"),
    /** bio | well_known | meta_tag | seed */
    verificationMethod: text("verification_method"),
    followers: integer("followers").notNull().default(0),
    /** True when the count was read from the platform's page, false when the creator entered it. */
    followersVerified: boolean("followers_verified").notNull().default(false),
    /**
     * An entered count's review: pending (waits for an admin), approved or rejected; null for a
     * count read from the page (or none entered).
     */
    followersReview: text("followers_review"),
    /** Whether the count counts for eligibility: read from the page, or entered and approved. */
    followersCounted: boolean("followers_counted")
      .notNull()
      .generatedAlwaysAs(sql`followers_verified or coalesce(followers_review = 'approved', false)`),
    verifiedAt: timestamptz("verified_at"),
    unlinkedAt: timestamptz("unlinked_at"),
    createdAt: writtenAt("created_at"),
  },
  (table) => [
    uniqueIndex("creator_channels_owner")
      .on(table.platform, table.channel)
      .where(sql`${table.verifiedAt} is not null and ${table.unlinkedAt} is null`),
    uniqueIndex("creator_channels_open_claim")
      .on(table.creatorUserId, table.platform, table.channel)
      .where(sql`${table.unlinkedAt} is null`),
    index("creator_channels_creator").on(table.creatorUserId),
    check(
      "creator_channels_platform",
      sql`${table.platform} in ('twitch', 'youtube', 'tiktok', 'kick', 'web')`,
    ),
    check(
      "creator_channels_followers_review",
      sql`${table.followersReview} in ('pending', 'approved', 'rejected')`,
    ),
    check(
      "creator_channels_method",
      sql`${table.verificationMethod} in ('bio', 'well_known', 'meta_tag', 'seed')`,
    ),
  ],
);

/** Every change of a channel's claim or owner: claimed, verified, moved, unlinked. Append-only. */
export const channelAudit = pgTable(
  "channel_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    platform: text("platform").notNull(),
    channel: text("channel").notNull(),
    action: text("action").notNull(),
    fromCreatorUserId: text("from_creator_user_id"),
    toCreatorUserId: text("to_creator_user_id"),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    at: writtenAt("at"),
  },
  (table) => [
    index("channel_audit_channel").on(table.platform, table.channel, table.at),
    check(
      "channel_audit_action",
      sql`${table.action} in ('claimed', 'verified', 'moved', 'unlinked', 'followers_entered')`,
    ),
  ],
);

/** Supporter tiers a creator defines: gifting `minCoins` in total unlocks the tier's perks. */
export const perkTiers = pgTable(
  "perk_tiers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorUserId: text("creator_user_id").notNull(),
    name: text("name").notNull(),
    minCoins: bigint("min_coins", { mode: "bigint" }).notNull(),
    /** A short badge shown next to the supporter's name (an emoji or a word). */
    badge: text("badge"),
    /** Shown only to supporters who unlocked the tier. */
    perkText: text("perk_text"),
    perkUrl: text("perk_url"),
    createdAt: writtenAt("created_at"),
    archivedAt: timestamptz("archived_at"),
  },
  (table) => [
    index("perk_tiers_creator").on(table.creatorUserId),
    check("perk_tiers_min_coins", sql`${table.minCoins} > 0`),
  ],
);

/**
 * Supporters who reached a tier's threshold before the creator raised it: what was unlocked
 * stays unlocked. Written when a threshold rises, for everyone who had reached the old one;
 * below the current threshold a supporter's own total decides as before.
 */
export const perkUnlocks = pgTable(
  "perk_unlocks",
  {
    tierId: uuid("tier_id").notNull(),
    viewerUserId: text("viewer_user_id").notNull(),
    /** The threshold they had reached when it was raised. */
    minCoins: bigint("min_coins", { mode: "bigint" }).notNull(),
    recordedAt: writtenAt("recorded_at"),
  },
  (table) => [primaryKey({ columns: [table.tierId, table.viewerUserId] })],
);
