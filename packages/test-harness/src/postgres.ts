import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, startEmbeddedServer } from "@coinstream/db";
import { createTestDatabase, type TestDatabase, withDatabase } from "@coinstream/db/testing";

/** A PostgreSQL server for one run: embedded in a temp dir, or the one at a given URL. */
export interface TestPostgres {
  /** A URL to the server's `postgres` database, for creating and dropping others. */
  readonly adminUrl: string;
  readonly port: number;
  readonly version: string;
  /** A URL to `database` on this server. */
  readonly url: (database: string) => string;
  /** A fresh, migrated database of its own; drop it afterwards. */
  readonly createDatabase: (maxConnections?: number) => Promise<TestDatabase>;
  /** Stops an embedded server and deletes its data; leaves a server given by URL alone. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts an embedded PostgreSQL 18 in a new temp dir (never `.data/`) on `port`, or uses the
 * server at `url` when given (pass `process.env.DATABASE_URL` to honour it).
 */
export async function startPostgres(options: {
  readonly port: number;
  readonly url?: string | undefined;
}): Promise<TestPostgres> {
  let adminUrl = options.url ? withDatabase(options.url, "postgres") : "";
  let stop = async () => {};
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), "coinstream-pg-"));
    try {
      const server = await startEmbeddedServer({ dataDir, port: options.port, persistent: false });
      adminUrl = server.url("postgres");
      stop = async () => {
        try {
          await server.stop();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      };
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }
  const probe = connect(adminUrl, 1);
  const [row] = await probe<{ server_version: string }[]>`show server_version`.finally(() =>
    probe.end(),
  );
  const serverUrl = adminUrl;
  return {
    adminUrl: serverUrl,
    port: Number(new URL(serverUrl).port || 5432),
    version: row?.server_version ?? "?",
    url: (database) => withDatabase(serverUrl, database),
    createDatabase: (maxConnections = 8) => createTestDatabase(serverUrl, maxConnections),
    stop,
  };
}
