import type { Sql } from "@coinstream/db";

/**
 * Waits until the creator's gifts and stream events stop changing for `quietMs` (at most
 * `maxMs`): requests a load generator gave up on may still be running in the API, and the
 * ledger is compared with the stream only once they are done.
 */
export async function waitForGiftsToSettle(
  sql: Sql,
  creatorUserId: string,
  quietMs = 3_000,
  maxMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = "";
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const [row] = await sql<{ gifts: bigint; events: bigint }[]>`
      select (select count(*) from ledger_transfers
              where code = 'gift' and metadata->>'creatorUserId' = ${creatorUserId})::int8 as gifts,
             (select count(*) from stream_events where creator_user_id = ${creatorUserId})::int8 as events`;
    const now = `${row?.gifts}/${row?.events}`;
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
