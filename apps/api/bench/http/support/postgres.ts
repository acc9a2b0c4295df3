import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, openDatabase } from "@coinstream/db";
import { createTestDatabase, type TestDatabase, withDatabase } from "@coinstream/db/testing";

/** The benchmarks' own PostgreSQL: embedded, in a fresh temp dir, on a fixed loopback port. */
export interface BenchPostgres {
  /** A URL to the server's `postgres` database, for creating and dropping others. */
  readonly adminUrl: string;
  readonly port: number;
  readonly version: string;
  /** A fresh, migrated database of its own for one benchmark; drop it afterwards. */
  readonly createDatabase: (maxConnections?: number) => Promise<TestDatabase>;
  readonly stop: () => Promise<void>;
}

export const BENCH_POSTGRES_PORT = 54420;

/**
 * Starts an embedded PostgreSQL 18 in a new temp dir (never `.data/`), or uses `DATABASE_URL`
 * when set (the benchmarks then create and drop scratch databases on that server).
 */
export async function startBenchPostgres(
  port = BENCH_POSTGRES_PORT,
  external = process.env.DATABASE_URL,
): Promise<BenchPostgres> {
  let adminUrl = external;
  let stop = async () => {};
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), "coinstream-bench-pg-"));
    const server = await openDatabase({
      dataDir,
      embeddedPort: port,
      migrate: false,
      maxConnections: 1,
    });
    adminUrl = withDatabase(server.url, "postgres");
    stop = async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const probe = connect(adminUrl, 1);
  const [row] = await probe<{ server_version: string }[]>`show server_version`;
  await probe.end();
  const serverUrl = adminUrl;
  return {
    adminUrl: serverUrl,
    port: Number(new URL(serverUrl).port || 5432),
    version: row?.server_version ?? "?",
    createDatabase: (maxConnections = 8) => createTestDatabase(serverUrl, maxConnections),
    stop,
  };
}
