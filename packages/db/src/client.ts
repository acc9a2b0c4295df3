import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { startEmbeddedServer } from "./embedded-server.ts";

export type Sql = postgres.Sql<{ bigint: bigint }>;

/** The client `sql.begin` hands its callback: queries on one connection, inside the transaction. */
export type Tx = Parameters<Parameters<Sql["begin"]>[1]>[0];

/** An open database: a raw postgres.js client (int8 as BigInt) and how to close it all. */
export interface Database {
  readonly sql: Sql;
  readonly url: string;
  readonly close: () => Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A server's URL (DATABASE_URL); when absent an embedded PostgreSQL is started. */
  readonly url?: string | undefined;
  /** Where the embedded server keeps its data (default: `.data/postgres` at the repo root). */
  readonly dataDir?: string;
  readonly embeddedPort?: number;
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number;
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../.data/postgres", import.meta.url));
const EMBEDDED_DATABASE = "coinstream";

/**
 * Seconds a pool waits before its next connection attempt after `failures` failed ones.
 * postgres.js's default grows to 20 s, and queries queue meanwhile: after a database restart the
 * API stalled for up to 20 s. Capped at a quarter second, queued queries fail or proceed promptly.
 */
export function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.25, 0.01 * 2 ** failures) * (0.5 + Math.random() / 2);
}

/**
 * What every long-lived pool shares (the ledger's, Better Auth's, pg-boss's): `maxConnections`,
 * server notices kept quiet and reconnects within a quarter second. Type parsers are each pool's.
 */
export function poolOptions(maxConnections: number) {
  return { max: maxConnections, onnotice: () => {}, backoff: reconnectDelaySeconds };
}

/** A postgres.js client that parses int8 as BigInt and keeps server notices quiet. */
export function connect(url: string, maxConnections = 10): Sql {
  return postgres(url, {
    ...poolOptions(maxConnections),
    types: { bigint: postgres.BigInt },
  }) as unknown as Sql;
}

/** Applies the committed, generated migrations with a short-lived client of its own. */
export async function runMigrations(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}

/**
 * Opens the database: the server at `url` if given, else an embedded PostgreSQL whose data
 * persists under `.data/`. Migrations run first, so a fresh machine needs no setup.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  let url = options.url;
  let stopServer = async () => {};
  if (!url) {
    const server = await startEmbeddedServer({
      dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
      port: options.embeddedPort ?? 54329,
    });
    url = server.url(EMBEDDED_DATABASE);
    await ensureDatabase(server.url("postgres"), EMBEDDED_DATABASE);
    stopServer = server.stop;
  }
  if (options.migrate ?? true) await runMigrations(url);
  const sql = connect(url, options.maxConnections);
  return {
    sql,
    url,
    close: async () => {
      await sql.end();
      await stopServer();
    },
  };
}

/** Creates `name` on the server unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (!row) await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}
