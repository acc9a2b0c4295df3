import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLedger, connect, createLedger, type Ledger, type Sql } from "@coinstream/db";
import type { TestDatabase } from "@coinstream/db/testing";
import { ApiProcess } from "@coinstream/test-harness";
import type { BenchPostgres } from "./postgres.ts";

/** The API ports the benchmarks use: the first process, and the second for fan-out (BENCH_API_PORT moves them). */
const FIRST_API_PORT = Number(process.env.BENCH_API_PORT ?? 3200);
export const API_PORTS = [FIRST_API_PORT, FIRST_API_PORT + 1] as const;

/**
 * What one benchmark runs against: a fresh migrated database on the benchmark server, real API
 * processes on it (one per port), and a ledger client of the benchmark's own for seeding.
 */
export interface Stage {
  readonly db: TestDatabase;
  /** The first API process (a stage starts at least one). */
  readonly api: ApiProcess;
  readonly apis: readonly ApiProcess[];
  /** Starts one more API process on the same database, on the next port of `API_PORTS`. */
  readonly addApi: () => Promise<ApiProcess>;
  readonly ledger: Ledger;
  /** The API processes' log files (one request line each) are kept here until `close`. */
  readonly workDir: string;
  readonly checkLedger: () => ReturnType<typeof checkLedger>;
  readonly close: () => Promise<void>;
}

export async function startStage(postgres: BenchPostgres, apiCount = 1): Promise<Stage> {
  if (apiCount < 1) throw new Error("a stage runs at least one API process");
  const db = await postgres.createDatabase(8);
  const workDir = await mkdtemp(join(tmpdir(), "coinstream-bench-api-"));
  const authSecret = randomBytes(32).toString("hex");
  const apis: ApiProcess[] = [];
  let ledgerSql: Sql | null = null;
  const close = async () => {
    await Promise.all(apis.map((api) => api.stop(15_000)));
    await ledgerSql?.end();
    await db.drop();
    // BENCH_KEEP_LOGS=1 keeps the API processes' logs (one line a request) for a look afterwards.
    if (process.env.BENCH_KEEP_LOGS === "1") console.log(`API logs kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  };
  const addApi = async () => {
    const port = API_PORTS[apis.length];
    if (port === undefined) throw new Error(`at most ${API_PORTS.length} API processes`);
    const api = startBenchApi({
      port,
      databaseUrl: db.url,
      authSecret,
      logFile: join(workDir, `api-${port}.log`),
    });
    apis.push(api);
    await api.start();
    return api;
  };
  try {
    // One at a time: the first start applies migrations and seeds the demo people.
    for (let i = 0; i < apiCount; i++) await addApi();
    ledgerSql = connect(db.url, 4);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    db,
    api: apis[0] as ApiProcess,
    apis,
    addApi,
    ledger: createLedger(ledgerSql),
    workDir,
    checkLedger: () => checkLedger(db.sql),
    close,
  };
}

/**
 * The API as `pnpm start` runs it, with the per-address limits raised (every simulated viewer
 * shares 127.0.0.1) and one process unless BENCH_API_WORKERS says otherwise: the meters read
 * its pid (and its children). BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * profiles the server under load. Its log gets one line a request: the real logging cost.
 */
export function startBenchApi(options: {
  readonly port: number;
  readonly databaseUrl: string;
  readonly authSecret: string;
  readonly logFile: string;
}): ApiProcess {
  return new ApiProcess({
    ...options,
    workers: Number(process.env.BENCH_API_WORKERS ?? 1),
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    env: {
      REQUESTS_PER_MINUTE_PER_ADDRESS: "100000000",
      AUTH_ATTEMPTS_PER_MINUTE_PER_ADDRESS: "100000000",
    },
  });
}
