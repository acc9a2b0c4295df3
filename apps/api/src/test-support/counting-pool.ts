import type { Sql } from "@coinstream/db";
import postgres from "postgres";
import { expect, vi } from "vitest";

/**
 * A pool of its own on `url` that records every statement it sends (postgres.js's `debug`
 * hook), each folded to one line of 60 characters: for counting a request's round trips.
 * `untilWakesSent(n)` waits for the pool's first `n` stream wakes (a NOTIFY sent after the
 * commit, off the request's path), and so for what their connection sent before them.
 */
export function countingPool(url: string): {
  pool: Sql;
  statements: string[];
  untilWakesSent: (count: number) => Promise<void>;
} {
  const statements: string[] = [];
  let wakes = 0;
  const pool = postgres(url, {
    max: 2,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    debug: (_connection, query) => {
      if (query.includes("pg_notify")) wakes += 1;
      statements.push(query.replace(/\s+/g, " ").slice(0, 60));
    },
  }) as unknown as Sql;
  const untilWakesSent = (count: number) =>
    vi.waitFor(() => expect(wakes).toBeGreaterThanOrEqual(count), {
      timeout: 10_000,
      interval: 10,
    });
  return { pool, statements, untilWakesSent };
}
