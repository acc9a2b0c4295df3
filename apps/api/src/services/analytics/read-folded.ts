import type { Sql, Tx } from "@coinstream/db";
import { STREAM_EVENTS_FOLD } from "./supporter-coins.ts";

/**
 * Runs `read` in one read-only snapshot with the fold's watermark as of that snapshot, so roll-ups
 * plus the tail (events with `tx` at or above the watermark) count every event exactly once even
 * while a fold commits in between the reads.
 */
export async function readFolded<T>(
  sql: Sql,
  read: (tx: Tx, foldedBelow: string) => Promise<T>,
): Promise<T> {
  const result = await sql.begin("isolation level repeatable read read only", async (tx) => {
    const [progress] = await tx<{ folded_below: string }[]>`
      select coalesce((select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}),
                      '0'::xid8)::text as folded_below`;
    return read(tx, progress?.folded_below ?? "0");
  });
  return result as T;
}
