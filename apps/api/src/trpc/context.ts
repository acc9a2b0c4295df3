import type { Ledger, Sql } from "@coinstream/db";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import type { StreamEventHub } from "../realtime/stream-event-hub.ts";
import type { ChannelVerifierConfig } from "../services/channels/channel-verifier-config.ts";

/** The signed-in person, as procedures see them (whatever the auth library calls things). */
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
};

export type UserRole = "viewer" | "admin";

// A type alias, not an interface: the Hono adapter wants an indexable record.
export type Context = {
  readonly sql: Sql | null;
  readonly ledger: Ledger | null;
  readonly payments: PaymentProvider | null;
  readonly events: StreamEventHub | null;
  /** The API's public origin (PUBLIC_URL), for links it hands out; null when not configured. */
  readonly publicUrl: string | null;
  /** Where channel pages are read for verification; unset: the real platforms, no trusted origins. */
  readonly channelVerifier?: ChannelVerifierConfig;
  /** Null when the request is anonymous. */
  readonly viewer: Viewer | null;
  /** The request's clock, read once so a procedure sees one "now". */
  readonly now: Date;
};

export interface ContextDependencies {
  readonly sql?: Sql;
  readonly ledger?: Ledger;
  readonly payments?: { readonly provider: PaymentProvider };
  readonly events?: StreamEventHub;
  readonly publicUrl?: string;
  readonly channelVerifier?: ChannelVerifierConfig;
}

export function createContext(deps: ContextDependencies, viewer: Viewer | null = null): Context {
  return {
    sql: deps.sql ?? null,
    ledger: deps.ledger ?? null,
    payments: deps.payments?.provider ?? null,
    events: deps.events ?? null,
    publicUrl: deps.publicUrl ?? null,
    channelVerifier: deps.channelVerifier,
    viewer,
    now: new Date(),
  };
}
