import type { Ledger, Sql } from "@coinstream/db";

/** The signed-in person, as procedures see them (whatever the auth library calls things). */
export type Viewer = {
  readonly userId: string;
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
  /** Null when the request is anonymous. */
  readonly viewer: Viewer | null;
  /** The request's clock, read once so a procedure sees one "now". */
  readonly now: Date;
};

export interface ContextDependencies {
  readonly sql?: Sql;
  readonly ledger?: Ledger;
}

export function createContext(deps: ContextDependencies, viewer: Viewer | null = null): Context {
  return { sql: deps.sql ?? null, ledger: deps.ledger ?? null, viewer, now: new Date() };
}
