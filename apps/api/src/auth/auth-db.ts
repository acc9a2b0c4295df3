import { poolOptions, schema } from "@coinstream/db";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";

/** The Drizzle instance Better Auth's adapter writes through. */
export type AuthDb = PostgresJsDatabase<typeof schema.authSchema>;

export interface AuthDbHandle {
  readonly db: AuthDb;
  readonly close: () => Promise<void>;
}

/**
 * A Drizzle instance on a postgres.js client of its own: Drizzle changes its client's type
 * parsing (timestamps become strings in raw queries), so it must not share the ledger's `sql`.
 */
export function createAuthDb(url: string, maxConnections = 5): AuthDbHandle {
  const client = postgres(url, poolOptions(maxConnections));
  return {
    db: drizzle(client, { schema: schema.authSchema }),
    close: () => client.end(),
  };
}
