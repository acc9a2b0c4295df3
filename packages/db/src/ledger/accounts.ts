import type { Sql } from "../client.ts";
import { ACCOUNT_PURPOSES, type AccountPurpose } from "./account-purposes.ts";
import { accountIdFor } from "./ids.ts";
import type { TotalsRow } from "./rows.ts";
import { toTotals } from "./rows.ts";
import { availableBalance } from "./totals.ts";
import type { AccountTotals, Asset } from "./types.ts";

export interface AccountRef {
  readonly ownerId: string;
  readonly purpose: AccountPurpose;
}

/** An account with its totals (row plus slots) and what its owner can spend. */
export interface AccountBalance extends AccountTotals {
  readonly id: string;
  readonly ownerId: string;
  readonly purpose: AccountPurpose;
  readonly asset: Asset;
  /** Posted credits less posted and reserved debits. */
  readonly available: bigint;
}

/** The deterministic id of an owner's account for a purpose. */
export function accountId(ref: AccountRef): string {
  return accountIdFor(ref.ownerId, ACCOUNT_PURPOSES[ref.purpose].asset, ref.purpose);
}

/**
 * Creates the accounts that do not exist yet (idempotent) and returns every id in order.
 * Asset and flags come from the purpose, so an account can never be created with the wrong ones.
 */
export async function ensureAccounts(sql: Sql, refs: readonly AccountRef[]): Promise<string[]> {
  const known = isPool(sql) ? ensuredOn(sql) : null;
  if (known && refs.every((ref) => known.has(accountId(ref)))) return refs.map(accountId);
  const records = refs.map((ref) => {
    const rules = ACCOUNT_PURPOSES[ref.purpose];
    return {
      id: accountId(ref),
      owner_id: ref.ownerId,
      purpose: ref.purpose,
      asset: rules.asset,
      limited: rules.debitsMustNotExceedCredits,
      hot: rules.hot,
    };
  });
  if (records.length > 0) {
    await sql`
      insert into ledger_accounts (id, owner_id, purpose, asset, debits_must_not_exceed_credits, hot)
      select id, owner_id, purpose, asset, limited, hot
      from jsonb_to_recordset(${JSON.stringify(records)}::text::jsonb)
        as r(id uuid, owner_id text, purpose text, asset text, limited boolean, hot boolean)
      order by id
      on conflict do nothing`;
  }
  if (known) {
    // Bounded: past the cap the set starts again (a miss is one idempotent insert).
    if (known.size + records.length > ENSURED_CAP) known.clear();
    for (const record of records) known.add(record.id);
  }
  return records.map((record) => record.id);
}

/**
 * Account ids this process has seen stored, per pool. Invalidation: none needed, an account is
 * never deleted (the database refuses DELETE of ledger_accounts), so "exists" stays true once
 * committed. Filled only by an insert on the pool itself (it committed when it returned), never
 * inside a transaction, whose rollback would take the account back.
 */
const ensured = new WeakMap<object, Set<string>>();
const ENSURED_CAP = 200_000;

function ensuredOn(pool: Sql): Set<string> {
  let known = ensured.get(pool);
  if (!known) {
    known = new Set();
    ensured.set(pool, known);
  }
  return known;
}

/** The pool itself: not a transaction (it has `savepoint`) nor a reserved connection (`release`). */
function isPool(sql: Sql): boolean {
  const handle = sql as unknown as Record<string, unknown>;
  return (
    typeof handle.begin === "function" &&
    typeof handle.savepoint !== "function" &&
    typeof handle.release !== "function"
  );
}

/**
 * Balances of accounts by id, in O(1) of their history: the row plus at most one row per
 * writer slot. Ids that do not exist are absent from the map.
 */
export async function getBalances(
  sql: Pick<Sql, "unsafe">,
  ids: readonly string[],
): Promise<Map<string, AccountBalance>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.unsafe<
    ({ id: string; owner_id: string; purpose: AccountPurpose; asset: Asset } & TotalsRow)[]
  >(
    `select a.id, a.owner_id, a.purpose, a.asset,
            (a.debits_posted + coalesce(s.dp, 0))::int8 as debits_posted,
            (a.credits_posted + coalesce(s.cp, 0))::int8 as credits_posted,
            (a.debits_pending + coalesce(s.dpe, 0))::int8 as debits_pending,
            (a.credits_pending + coalesce(s.cpe, 0))::int8 as credits_pending
     from ledger_accounts a
     left join lateral (
       select sum(debits_posted) dp, sum(credits_posted) cp,
              sum(debits_pending) dpe, sum(credits_pending) cpe
       from ledger_account_slots where account_id = a.id
     ) s on true
     where a.id = any($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => {
      const totals = toTotals(row);
      return [
        row.id,
        {
          id: row.id,
          ownerId: row.owner_id,
          purpose: row.purpose,
          asset: row.asset,
          ...totals,
          available: availableBalance(totals),
        },
      ];
    }),
  );
}
