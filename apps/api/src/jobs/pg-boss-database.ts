import { poolOptions } from "@coinstream/db";
import type { Db } from "pg-boss";
import postgres from "postgres";

/** pg-boss's connections: a postgres.js pool of its own and how to close it. */
export interface PgBossDatabase {
  readonly db: Db;
  readonly close: () => Promise<void>;
}

/**
 * pg-boss on postgres.js (the API's driver, with its patch) instead of the `pg` pool of ten it
 * opens by default. The pool is its own and small: the queue polls (no LISTEN) and never waits
 * behind requests. Its types are node-postgres's, which pg-boss was written against: int8 as a
 * string, and a string sent to a json parameter taken as JSON text (pg-boss passes
 * `JSON.stringify`'d payloads) rather than encoded again as a JSON string.
 */
export function openPgBossDatabase(url: string, maxConnections = 2): PgBossDatabase {
  const sql = postgres(url, {
    ...poolOptions(maxConnections),
    types: {
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value)),
        parse: (text: string) => JSON.parse(text),
      },
    },
  });
  return {
    db: {
      async executeSql(text: string, values?: unknown[]) {
        if (values?.length) {
          // node-postgres sends undefined as NULL; postgres.js refuses it.
          const parameters = values.map(
            (value) => value ?? null,
          ) as postgres.ParameterOrJSON<never>[];
          return { rows: await sql.unsafe(text, parameters) };
        }
        // Without parameters pg-boss may send several statements, its migrations a whole
        // BEGIN; ...; COMMIT: postgres.js allows a BEGIN only on a reserved connection.
        const connection = await sql.reserve();
        try {
          return { rows: flattenResults(await connection.unsafe(text)) };
        } finally {
          connection.release();
        }
      },
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** A multi-statement string answers one result per statement; pg-boss wants their rows. */
function flattenResults(result: readonly unknown[]): unknown[] {
  const isMulti = result.length > 0 && result.every((part) => Array.isArray(part));
  return isMulti ? result.flat() : [...result];
}
