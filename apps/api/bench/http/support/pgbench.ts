import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { connect, ensureDatabase } from "@coinstream/db";
import { withDatabase } from "@coinstream/db/testing";
import { type LatencySummary, summarize } from "./stats.ts";

const run = promisify(execFile);
/** PostgreSQL's pgbench (the Debian package postgresql-client has it); PGBENCH names another. */
const PGBENCH = process.env.PGBENCH ?? "pgbench";

export interface PgbenchOptions {
  /** Scale factor: branches; at least the client count keeps clients off each other's rows. */
  readonly scale: number;
  readonly clients: number;
  readonly threads: number;
  readonly seconds: number;
}

export interface PgbenchResult extends PgbenchOptions {
  /** False when no pgbench binary was found (the figures are then NaN; nothing else fails). */
  readonly available: boolean;
  readonly tps: number;
  readonly transactions: number;
  readonly latency: LatencySummary;
  readonly failed: number;
}

/**
 * pgbench's built-in TPC-B-like script (three updates, a select and an insert per transaction)
 * in a database of its own on the same server: the yardstick for what this Postgres can do.
 * Per-transaction logs give p50 and p99 besides pgbench's own tps.
 */
export async function runPgbench(
  adminUrl: string,
  options: PgbenchOptions,
): Promise<PgbenchResult> {
  const database = `bench_pgbench_${Date.now()}`;
  await ensureDatabase(adminUrl, database);
  const url = withDatabase(adminUrl, database);
  const logDir = await mkdtemp(join(tmpdir(), "coinstream-pgbench-"));
  try {
    try {
      await run(PGBENCH, ["-i", "-q", "-s", String(options.scale), url]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      const latency = summarize([]);
      return { ...options, available: false, tps: Number.NaN, transactions: 0, failed: 0, latency };
    }
    // Everything the initial load wrote reaches disk now, not during the measurement.
    const admin = connect(url, 1);
    await admin`checkpoint`;
    await admin.end();
    const { stdout } = await run(
      PGBENCH,
      [
        "-c",
        String(options.clients),
        "-j",
        String(options.threads),
        "-T",
        String(options.seconds),
        "-l",
        "--log-prefix",
        join(logDir, "tx"),
        url,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
    const transactions = Number(
      /number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? 0,
    );
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    return {
      ...options,
      available: true,
      tps,
      transactions,
      failed,
      latency: summarize(await readLatencies(logDir)),
    };
  } finally {
    await rm(logDir, { recursive: true, force: true });
    const admin = connect(adminUrl, 1);
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end();
  }
}

/** Milliseconds per transaction from pgbench's logs (`client tx latency_us script epoch us`). */
async function readLatencies(logDir: string): Promise<number[]> {
  const latencies: number[] = [];
  for (const file of await readdir(logDir)) {
    for (const line of (await readFile(join(logDir, file), "utf8")).split("\n")) {
      const micros = Number(line.split(" ")[2]);
      if (line && Number.isFinite(micros)) latencies.push(micros / 1000);
    }
  }
  return latencies;
}
