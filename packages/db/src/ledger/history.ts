import type { Sql } from "../client.ts";
import { TRANSFER_COLUMNS, type TransferRow, toStoredTransfer } from "./rows.ts";
import type { StoredTransfer, TransferCode } from "./types.ts";

export interface HistoryPage {
  readonly transfers: StoredTransfer[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  readonly nextCursor: bigint | null;
}

export interface HistoryQuery {
  readonly accountId: string;
  /** Only transfers older than this `seq` (the previous page's cursor). */
  readonly before?: bigint | null;
  readonly limit?: number;
  readonly codes?: readonly TransferCode[];
}

/**
 * An account's transfers, newest first, keyset-paged by `seq`: each page costs the same however
 * long the history is (two index range scans, one per side of the account). Each side reads one
 * row past the page, so the row that says "more follow" is found whichever side it is on: with
 * only `limit` a side, an account moved on one side only (a creator's hold, a wallet filtered to
 * gifts) never saw it and stopped after one page.
 */
export async function listAccountTransfers(sql: Sql, query: HistoryQuery): Promise<HistoryPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const before = query.before ?? 9_223_372_036_854_775_807n;
  const codes = query.codes && query.codes.length > 0 ? [...query.codes] : null;
  const rows = await sql.unsafe<TransferRow[]>(
    `select ${TRANSFER_COLUMNS} from (
       (select * from ledger_transfers
        where debit_account_id = $1 and seq < $2 and ($4::text[] is null or code = any($4))
        order by seq desc limit $3 + 1)
       union all
       (select * from ledger_transfers
        where credit_account_id = $1 and seq < $2 and ($4::text[] is null or code = any($4))
        order by seq desc limit $3 + 1)
     ) both_sides order by seq desc limit $3 + 1`,
    [query.accountId, before.toString(), limit, codes],
  );
  const page = rows.slice(0, limit).map(toStoredTransfer);
  const last = page.at(-1);
  return { transfers: page, nextCursor: rows.length > limit && last ? last.seq : null };
}
