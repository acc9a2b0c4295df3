import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/**
 * The community guidelines, one row per published version (markdown). The current version is the
 * highest one in effect (`effective_at <= now`); a version published ahead can be accepted early.
 * Version 1 is seeded by its migration. Published versions are never edited.
 */
export const guidelinesVersions = pgTable("guidelines_versions", {
  version: integer("version").primaryKey(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  publishedAt: writtenAt("published_at"),
  /** From then on, spending and receiving need this version (or a later one) accepted. */
  effectiveAt: writtenAt("effective_at"),
  /** The admin who published it (null for the seeded first version). */
  publishedBy: text("published_by"),
});

/** Who accepted which version, when: at sign-up, then again each time a new version is published. */
export const guidelinesAcceptances = pgTable(
  "guidelines_acceptances",
  {
    userId: text("user_id").notNull(),
    version: integer("version").notNull(),
    acceptedAt: writtenAt("accepted_at"),
  },
  (table) => [primaryKey({ columns: [table.userId, table.version] })],
);

/**
 * A viewer's report of a creator, a paid message or a tip. `subjectUserId` is who it is about
 * (the creator, the message's other party, the tipper). One open report per reporter and target.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reporterUserId: text("reporter_user_id").notNull(),
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id").notNull(),
    subjectUserId: text("subject_user_id").notNull(),
    reason: text("reason").notNull(),
    details: text("details").notNull().default(""),
    status: text("status").notNull().default("open"),
    createdAt: writtenAt("created_at"),
    resolvedAt: timestamptz("resolved_at"),
    resolvedBy: text("resolved_by"),
    resolutionNote: text("resolution_note"),
  },
  (table) => [
    check("reports_target_kind", sql`${table.targetKind} in ('creator', 'message', 'tip')`),
    check("reports_status", sql`${table.status} in ('open', 'dismissed', 'strike_issued')`),
    uniqueIndex("reports_one_open_per_target")
      .on(table.reporterUserId, table.targetKind, table.targetId)
      .where(sql`${table.status} = 'open'`),
    index("reports_reporter_time").on(table.reporterUserId, table.createdAt),
    index("reports_status_time").on(table.status, table.createdAt),
  ],
);

/** A strike against a creator (core's `decideStanding` turns them into a suspension). */
export const creatorStrikes = pgTable(
  "creator_strikes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorUserId: text("creator_user_id").notNull(),
    reason: text("reason").notNull(),
    /** The report it resolved, if it came from one. */
    reportId: uuid("report_id"),
    issuedBy: text("issued_by").notNull(),
    issuedAt: writtenAt("issued_at"),
    /** Set when an appeal succeeds: the strike stops counting at once. */
    withdrawnAt: timestamptz("withdrawn_at"),
  },
  (table) => [index("creator_strikes_creator").on(table.creatorUserId, table.issuedAt)],
);

/** A creator's one appeal of a strike, and the admin's decision on it. */
export const strikeAppeals = pgTable(
  "strike_appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    strikeId: uuid("strike_id").notNull().unique(),
    creatorUserId: text("creator_user_id").notNull(),
    message: text("message").notNull(),
    createdAt: writtenAt("created_at"),
    /** null while open; upheld (the strike stands) or withdrawn (it stops counting). */
    decision: text("decision"),
    decidedAt: timestamptz("decided_at"),
    decidedBy: text("decided_by"),
    note: text("note"),
  },
  (table) => [
    check("strike_appeals_decision", sql`${table.decision} in ('upheld', 'withdrawn')`),
    index("strike_appeals_open").on(table.createdAt).where(sql`${table.decision} is null`),
  ],
);
