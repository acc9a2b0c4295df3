import type { Ledger, Sql } from "@coinstream/db";

/** What the server hands every procedure; built once per request. */
// A type alias, not an interface: the Hono adapter wants an indexable record.
export type Context = {
  readonly sql: Sql | null;
  readonly ledger: Ledger | null;
  /** The request's clock, read once so a procedure sees one "now". */
  readonly now: Date;
};

export interface ContextDependencies {
  readonly sql?: Sql;
  readonly ledger?: Ledger;
}

export function createContext(deps: ContextDependencies): Context {
  return { sql: deps.sql ?? null, ledger: deps.ledger ?? null, now: new Date() };
}
