import type { Sql } from "@coinstream/db";
import { expect, vi } from "vitest";

/** Waits until a statement on `sql`'s database waits for a lock (one the test holds). */
export function untilWaitingOnLock(sql: Sql): Promise<void> {
  return vi.waitFor(
    async () => {
      const [waiting] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      expect(waiting?.n).toBeGreaterThan(0);
    },
    { timeout: 20_000, interval: 20 },
  );
}
