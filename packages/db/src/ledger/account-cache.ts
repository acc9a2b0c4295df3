import type { Sql } from "../client.ts";
import type { AccountInfo } from "./plan-batch.ts";
import type { Asset } from "./types.ts";

type Queryable = Pick<Sql, "unsafe">;

/**
 * Account asset and flags never change once created, so each process remembers them and reads
 * only accounts it has not seen. Unknown ids are not remembered (they may be created later).
 */
export class AccountCache {
  private readonly known = new Map<string, AccountInfo>();

  constructor(private readonly maxEntries = 100_000) {}

  async get(db: Queryable, ids: readonly string[]): Promise<Map<string, AccountInfo>> {
    const found = new Map<string, AccountInfo>();
    const missing: string[] = [];
    for (const id of ids) {
      const info = this.known.get(id);
      if (info) found.set(id, info);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await db.unsafe<
        { id: string; asset: Asset; debits_must_not_exceed_credits: boolean; hot: boolean }[]
      >(
        "select id, asset, debits_must_not_exceed_credits, hot from ledger_accounts where id = any($1::uuid[])",
        [missing],
      );
      if (this.known.size + rows.length > this.maxEntries) this.known.clear();
      for (const row of rows) {
        const info: AccountInfo = {
          id: row.id,
          asset: row.asset,
          debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
          hot: row.hot,
        };
        this.known.set(row.id, info);
        found.set(row.id, info);
      }
    }
    return found;
  }
}
