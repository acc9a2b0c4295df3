import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgTable, text, unique } from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/*
 * Better Auth's four core tables (user, session, account, verification), written from its
 * Drizzle docs for version 1.7. Property names are the field names Better Auth uses; columns are
 * snake_case. Tables are plural because `user` is a reserved word in PostgreSQL (in raw SQL,
 * `select * from user` quietly returns the current role). `authSchema` maps Better Auth's model
 * names to these tables for its Drizzle adapter.
 */

const timestamps = () => ({
  createdAt: writtenAt("created_at"),
  updatedAt: writtenAt("updated_at").$onUpdate(() => new Date()),
});

/** A person's account. `dateOfBirth` and `region` are set at sign-up and decide eligibility. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Stored lower case by Better Auth. */
    email: text("email").notNull().unique("users_email_unique"),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    /** A calendar date (UTC midnight as a `Date`), compared by UTC date like core's `ageOn`. */
    dateOfBirth: date("date_of_birth", { mode: "date" }).notNull(),
    /** ISO 3166-1 alpha-2, upper case. */
    region: text("region").notNull(),
    /** viewer | admin. Not a Better Auth field: only the database (or another admin) grants it. */
    role: text("role").notNull().default("viewer"),
    /** Set while an admin has frozen the account: it can sign in and read, but moves no value. */
    frozenAt: timestamptz("frozen_at"),
    frozenReason: text("frozen_reason"),
    /** When a card check through the payment provider proved an adult holds the account. */
    adultVerifiedAt: timestamptz("adult_verified_at"),
    ...timestamps(),
  },
  (table) => [
    check("users_role", sql`${table.role} in ('viewer', 'admin')`),
    check("users_region_alpha2", sql`${table.region} ~ '^[A-Z]{2}$'`),
    check("users_date_of_birth_plausible", sql`${table.dateOfBirth} >= date '1900-01-01'`),
  ],
);

/** A signed-in session; its token is what the session cookie and bearer token carry (signed). */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamptz("expires_at").notNull(),
    token: text("token").notNull().unique("sessions_token_unique"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...timestamps(),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

/**
 * How a user signs in: one row per provider. For email + password the provider is `credential`
 * and `password` holds Better Auth's hash. Not to be confused with `ledger_accounts`.
 */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamptz("access_token_expires_at"),
    refreshTokenExpiresAt: timestamptz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    ...timestamps(),
  },
  (table) => [
    index("auth_accounts_user_id_idx").on(table.userId),
    unique("auth_accounts_provider_account").on(table.providerId, table.accountId),
  ],
);

/** Short-lived values Better Auth checks later, such as password-reset tokens. */
export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    ...timestamps(),
  },
  (table) => [index("verifications_identifier_idx").on(table.identifier)],
);

/** Better Auth's model names to tables: the `schema` option of its Drizzle adapter. */
export const authSchema = {
  user: users,
  session: sessions,
  account: authAccounts,
  verification: verifications,
} as const;
