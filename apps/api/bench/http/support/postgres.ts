import { startPostgres, type TestPostgres } from "@coinstream/test-harness";

/** The benchmarks' own PostgreSQL (see `startBenchPostgres`). */
export type BenchPostgres = TestPostgres;

/** Fixed so runs are alike; BENCH_POSTGRES_PORT moves it (two runs on one machine). */
export const BENCH_POSTGRES_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 54420);

/**
 * An embedded PostgreSQL 18 in a new temp dir (never `.data/`), or the server at `DATABASE_URL`
 * when set (the benchmarks then create and drop scratch databases on it).
 */
export function startBenchPostgres(
  port = BENCH_POSTGRES_PORT,
  external = process.env.DATABASE_URL,
): Promise<BenchPostgres> {
  return startPostgres({ port, url: external });
}
