import { randomUUID } from "node:crypto";
import { connect, ensureDatabase, runMigrations, type Sql } from "./client.ts";

/** A migrated database of its own for one test file, dropped by `drop()`. */
export interface TestDatabase {
  readonly sql: Sql;
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/**
 * Creates a fresh database on the server at `adminUrl` (a URL to any existing database there),
 * migrates it and connects. Each test file gets its own, so files run in parallel and never
 * see each other's rows.
 */
export async function createTestDatabase(
  adminUrl: string,
  maxConnections = 20,
): Promise<TestDatabase> {
  const name = `coinstream_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await ensureDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  const sql = connect(url, maxConnections);
  return {
    sql,
    url,
    drop: async () => {
      await sql.end();
      const admin = connect(adminUrl, 1);
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** `url` with its database name replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
