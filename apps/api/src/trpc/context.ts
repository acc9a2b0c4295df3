import type { Ledger, Sql } from "@coinstream/db";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import type { StreamEventHub } from "../realtime/stream-event-hub.ts";

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
};

// A type alias, not an interface: the Hono adapter wants an indexable record.
export type Context = {
  readonly sql: Sql | null;
  readonly ledger: Ledger | null;
  readonly payments: PaymentProvider | null;
  readonly events: StreamEventHub | null;
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
}

export function createContext(deps: ContextDependencies, viewer: Viewer | null = null): Context {
  return {
    sql: deps.sql ?? null,
    ledger: deps.ledger ?? null,
    payments: deps.payments?.provider ?? null,
    events: deps.events ?? null,
    viewer,
    now: new Date(),
  };
}
