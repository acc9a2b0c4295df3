import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/**
 * A guardian supervising an account, once the invitation (`guardian_invites`) was confirmed; an
 * account has at most one guardian. The guardian's caps live in the supervised account's
 * spending limits; `mayPurchase` gates buying coins.
 */
export const guardianLinks = pgTable(
  "guardian_links",
  {
    id: uuid("id").primaryKey(),
    guardianUserId: text("guardian_user_id").notNull(),
    supervisedUserId: text("supervised_user_id").notNull(),
    mayPurchase: boolean("may_purchase").notNull().default(false),
    createdAt: writtenAt("created_at"),
    activatedAt: timestamptz("activated_at"),
  },
  (table) => [
    index("guardian_links_guardian").on(table.guardianUserId),
    // One guardian (pending or active) per supervised account.
    uniqueIndex("guardian_links_supervised").on(table.supervisedUserId),
    check("guardian_links_distinct", sql`${table.guardianUserId} <> ${table.supervisedUserId}`),
  ],
);

/**
 * An invitation to link as guardian and supervised account, addressed to an email address and
 * never resolved to an account for the inviter (so it tells them nothing about who uses it).
 * Whoever signs in with that address may confirm or decline it; the inviter may cancel it; it
 * expires at `expiresAt` (7 days), read as expired without any job. Confirming creates the
 * `guardian_links` row with the same id.
 */
export const guardianInvites = pgTable(
  "guardian_invites",
  {
    id: uuid("id").primaryKey(),
    inviterUserId: text("inviter_user_id").notNull(),
    /** The side the inviter takes: 'guardian' (an invite) or 'supervised' (a request). */
    inviterRole: text("inviter_role").notNull(),
    /** Lower case. */
    inviteeEmail: text("invitee_email").notNull(),
    createdAt: writtenAt("created_at"),
    expiresAt: timestamptz("expires_at").notNull(),
    /** accepted | declined | cancelled | expired; null while pending (or expired, unread). */
    resolution: text("resolution"),
    resolvedAt: timestamptz("resolved_at"),
  },
  (table) => [
    index("guardian_invites_inviter").on(table.inviterUserId, table.createdAt),
    index("guardian_invites_invitee")
      .on(table.inviteeEmail)
      .where(sql`${table.resolution} is null`),
    // One open invitation from a person to an address at a time.
    uniqueIndex("guardian_invites_open")
      .on(table.inviterUserId, table.inviteeEmail)
      .where(sql`${table.resolution} is null`),
    check("guardian_invites_role", sql`${table.inviterRole} in ('guardian', 'supervised')`),
    check(
      "guardian_invites_resolution",
      sql`${table.resolution} is null or ${table.resolution} in ('accepted', 'declined', 'cancelled', 'expired')`,
    ),
  ],
);

/**
 * A card check through the payment provider (a setup-mode Checkout Session, no charge) that a
 * would-be guardian passes to prove they are an adult; success sets `users.adult_verified_at`.
 */
export const ageChecks = pgTable(
  "age_checks",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    provider: text("provider").notNull(),
    providerSessionId: text("provider_session_id").unique("age_checks_provider_session"),
    /** pending | verified | failed */
    status: text("status").notNull().default("pending"),
    createdAt: writtenAt("created_at"),
    completedAt: timestamptz("completed_at"),
  },
  (table) => [
    index("age_checks_user").on(table.userId, table.createdAt),
    check("age_checks_status", sql`${table.status} in ('pending', 'verified', 'failed')`),
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
    createdAt: writtenAt("created_at"),
  },
  (table) => [index("notifications_user").on(table.userId, table.createdAt)],
);
