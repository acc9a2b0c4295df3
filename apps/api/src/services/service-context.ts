import type { Ledger, Sql } from "@coinstream/db";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import type { CreatorAccount } from "./creators/require-creator-account.ts";

export type UserRole = "viewer" | "admin";

/** The signed-in person, as services see them (whatever the auth library calls things). */
export type Viewer = {
  readonly userId: string;
  /** The display name shown with their gifts on streams. */
  readonly name: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly dateOfBirth: Date;
  readonly region: string;
  readonly createdAt: Date;
  /**
   * viewer | admin, as the users table says when the request began; absent on hand-built
   * viewers (tests). Admin procedures read it again from the database, never trusting this.
   */
  readonly role?: UserRole;
  /** An admin froze the account: it may read but moves no value (services re-check the table). */
  readonly frozen?: boolean;
  /**
   * The highest community-guidelines version accepted (null: none), read with the session and
   * cached with it (an acceptance drops the entry in every process); absent when not read, and
   * then the spend gate asks the database.
   */
  readonly acceptedGuidelinesVersion?: number | null;
};

/**
 * What every service call gets: the database, the ledger (its own connections) and the
 * request's clock, read once so a call sees one "now". The transport (tRPC) builds it; services
 * own these types (aliases, so the tRPC adapter can index them), so the dependency runs from transport to services and never back.
 */
export type ServiceContext = {
  readonly sql: Sql;
  readonly ledger: Ledger;
  readonly now: Date;
};

/** A call that may be anonymous (public procedures). */
export type PublicContext = ServiceContext & {
  readonly viewer: Viewer | null;
};

/** A call made by a signed-in person. */
export type ViewerContext = ServiceContext & {
  readonly viewer: Viewer;
};

/** A call by a signed-in person that may start a payment (a checkout, a card check). */
export type PaymentsContext = ViewerContext & {
  readonly payments: PaymentProvider;
};

/** A call made by a registered creator about their own things (`creatorProcedure` checked it). */
export type CreatorContext = ViewerContext & {
  readonly creator: CreatorAccount;
};

/** A call made by an admin (`adminProcedure` read the role from the database). */
export type AdminContext = ViewerContext & {
  readonly admin: { readonly userId: string };
};
