import { writeFile } from "node:fs/promises";
import { checkLedger, connect, type LedgerViolation, type Sql } from "@coinstream/db";
import { ApiProcess, type ApiProcessOptions } from "./api-process.ts";
import { startPostgres, type TestPostgres } from "./postgres.ts";
import { assertPortsFree, runEveryStep } from "./processes.ts";

export interface ApiStack {
  readonly database: TestPostgres;
  /** The API's database (the server's `postgres` database: the API migrates it on start). */
  readonly databaseUrl: string;
  readonly api: ApiProcess;
  /** One short-lived connection to the API's database. */
  readonly withDatabase: <T>(use: (sql: Sql) => Promise<T>) => Promise<T>;
  /** What `checkLedger` finds wrong in the API's ledger (nothing: balanced). */
  readonly ledgerViolations: () => Promise<LedgerViolation[]>;
  /** Stops the API, writes its output to `logFile` when given, stops PostgreSQL: every step runs. */
  readonly stop: (logFile?: string) => Promise<void>;
}

/**
 * A fresh embedded PostgreSQL on `postgresPort` and the API as a process on it on `apiPort`
 * (`api` for anything else ApiProcess takes: env, demo seed...). Both ports must be free: a
 * leftover server would answer in this run's place. Stops what it started when a part fails.
 */
export async function startApiStack(options: {
  readonly apiPort: number;
  readonly postgresPort: number;
  readonly api?: Omit<ApiProcessOptions, "port" | "databaseUrl">;
}): Promise<ApiStack> {
  await assertPortsFree([options.apiPort, options.postgresPort]);
  const database = await startPostgres({ port: options.postgresPort });
  const databaseUrl = database.url("postgres");
  const api = new ApiProcess({ ...options.api, port: options.apiPort, databaseUrl });
  try {
    await api.start();
  } catch (error) {
    await database.stop();
    throw error;
  }
  const withDatabase = async <T>(use: (sql: Sql) => Promise<T>): Promise<T> => {
    const sql = connect(databaseUrl, 1);
    try {
      return await use(sql);
    } finally {
      await sql.end();
    }
  };
  return {
    database,
    databaseUrl,
    api,
    withDatabase,
    ledgerViolations: () => withDatabase(checkLedger),
    stop: (logFile) =>
      runEveryStep([
        () => api.stop(),
        () => (logFile ? writeFile(logFile, api.output()) : undefined),
        () => database.stop(),
      ]),
  };
}
