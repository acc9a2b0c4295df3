import type { Sql } from "@coinstream/db";

/** Statements the database ran for this benchmark's database, from pg_stat_statements. */
export interface StatementCount {
  readonly total: number;
  /** The most called statements, most first (query text shortened). */
  readonly top: readonly { readonly calls: number; readonly query: string }[];
}

/**
 * Counts the statements run on `sql`'s database between `reset` and `read`, when the server
 * preloads pg_stat_statements (the embedded server does); `available` false otherwise.
 */
export async function statementCounter(sql: Sql) {
  const available = await sql`create extension if not exists pg_stat_statements`
    .then(() => sql`select 1 from pg_stat_statements limit 1`)
    .then(
      () => true,
      () => false,
    );
  return {
    available,
    async reset(): Promise<void> {
      if (available) await sql`select pg_stat_statements_reset()`;
    },
    async read(): Promise<StatementCount | null> {
      if (!available) return null;
      const rows = await sql<{ calls: bigint; query: string }[]>`
        select calls, query from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database())
        order by calls desc`;
      return {
        total: rows.reduce((sum, row) => sum + Number(row.calls), 0),
        top: rows.slice(0, 40).map((row) => ({
          calls: Number(row.calls),
          query: row.query.replace(/\s+/g, " ").slice(0, 140),
        })),
      };
    },
  };
}
