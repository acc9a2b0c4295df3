import type { Sql } from "@coinstream/db";

/**
 * Samples what this database's busy sessions wait on (pg_stat_activity) every `everyMs` until
 * stopped: the count of sightings per wait and statement, most first. A profile of where gifts
 * queue inside PostgreSQL (row locks, commits), not a guess.
 */
export function sampleWaits(sql: Sql, everyMs = 25) {
  const seen = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await sql<{ wait: string; query: string }[]>`
        select coalesce(wait_event_type || ':' || wait_event, 'running') as wait,
               left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as query
        from pg_stat_activity
        where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`;
      samples++;
      for (const row of rows) {
        const key = `${row.wait.padEnd(28)} ${row.query}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop(): Promise<{ samples: number; top: [string, number][] }> {
      running = false;
      await loop;
      return { samples, top: [...seen].sort((a, b) => b[1] - a[1]).slice(0, 15) };
    },
  };
}
