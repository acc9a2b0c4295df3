import type { Sql } from "@coinstream/db";
import postgres from "postgres";

/**
 * A pool of its own on `url` that records every statement it sends (postgres.js's `debug`
 * hook), each folded to one line of 60 characters: for counting a request's round trips.
 */
export function countingPool(url: string): { pool: Sql; statements: string[] } {
  const statements: string[] = [];
  const pool = postgres(url, {
    max: 2,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    debug: (_connection, query) => statements.push(query.replace(/\s+/g, " ").slice(0, 60)),
  }) as unknown as Sql;
  return { pool, statements };
}
