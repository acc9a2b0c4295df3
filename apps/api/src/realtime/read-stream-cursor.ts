import type { Queryable } from "../services/sessions/session-progress.ts";
import { MAX_CURSOR_IDS, type StreamCursor } from "./stream-cursor.ts";

/**
 * The stream's events visible to the caller's snapshot with `tx >= xmin` (the newest
 * MAX_CURSOR_IDS), ascending: with `xmin`, what a cursor covering everything visible lists.
 */
export async function readVisibleAboveXmin(
  tx: Queryable,
  creatorUserId: string,
  xmin: bigint,
): Promise<{ id: bigint; tx: bigint }[]> {
  const rows = await tx<{ id: bigint; tx: string }[]>`
    select id, tx::text as tx from stream_events
    where creator_user_id = ${creatorUserId} and tx >= ${xmin.toString()}::xid8
    order by id desc limit ${MAX_CURSOR_IDS}`;
  return rows.reverse().map((row) => ({ id: BigInt(row.id), tx: BigInt(row.tx) }));
}

/**
 * The cursor covering exactly the stream's events visible now: one statement, so one snapshot.
 * In a repeatable-read transaction it follows that transaction's reads, so an event is either in
 * those reads or delivered after the cursor, never both.
 */
export async function readStreamCursor(
  tx: Queryable,
  creatorUserId: string,
): Promise<StreamCursor> {
  const [row] = await tx<{ xmin: string; ids: string[] }[]>`
    with snapshot as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
    select snapshot.xmin::text as xmin, array(
      select id::text from stream_events
      where creator_user_id = ${creatorUserId} and tx >= snapshot.xmin
      order by id desc limit ${MAX_CURSOR_IDS}) as ids
    from snapshot`;
  return {
    xmin: BigInt(row?.xmin ?? "0"),
    delivered: (row?.ids ?? []).map((id) => BigInt(id)).reverse(),
  };
}
