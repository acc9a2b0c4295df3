import type { Sql } from "../client.ts";
import type { AccountCache } from "./account-cache.ts";
import { accountsToLock } from "./accounts-to-lock.ts";
import { isUuid } from "./ids.ts";
import { type AccountInfo, type BatchPlan, planBatch } from "./plan-batch.ts";
import {
  type TotalsRow,
  TRANSFER_COLUMNS,
  type TransferRow,
  toStoredTransfer,
  toTotals,
  totalsRecords,
} from "./rows.ts";
import type {
  AccountTotals,
  StoredTransfer,
  TransferPhase,
  TransferRequest,
  TransferResult,
} from "./types.ts";

type Tx = Parameters<Parameters<Sql["begin"]>[1]>[0];

/**
 * Writes one batch in one transaction: read what the batch depends on (locking every account
 * whose row changes), plan it in memory, write the plan. Statements in each phase are pipelined,
 * so a batch costs a handful of round trips whatever its size. `slot` is this writer's slot for
 * hot accounts.
 */
export async function commitBatch(
  sql: Sql,
  submissions: readonly (readonly TransferRequest[])[],
  slot: number,
  accountCache: AccountCache,
): Promise<TransferResult[][]> {
  const requestIds = new Set<string>();
  const pendingIds = new Set<string>();
  const accountIds = new Set<string>();
  for (const transfers of submissions) {
    for (const t of transfers) {
      if (isUuid(t.id)) requestIds.add(t.id);
      if (t.pendingId !== undefined && isUuid(t.pendingId)) pendingIds.add(t.pendingId);
      for (const id of [t.debitAccountId, t.creditAccountId])
        if (id !== undefined && isUuid(id)) accountIds.add(id);
    }
  }

  return sql.begin(async (tx) => {
    const pendingTargets = await readTransfers(tx, [...pendingIds]);
    for (const target of pendingTargets.values()) {
      accountIds.add(target.debitAccountId);
      accountIds.add(target.creditAccountId);
    }
    const accounts = await accountCache.get(tx, [...accountIds]);
    const locked = accountsToLock(submissions, accounts, pendingTargets);
    const hotLocked = locked.filter((id) => accounts.get(id)?.hot);

    const [lockedTotals, existing, failed, resolutions, now] = await Promise.all([
      lockAccounts(tx, locked, hotLocked),
      readTransfers(tx, [...requestIds]),
      readFailed(tx, [...requestIds]),
      readResolutions(tx, [...pendingIds]),
      readNow(tx),
    ]);
    for (const [id, target] of pendingTargets) existing.set(id, target);

    const plan = planBatch(
      submissions,
      { now, accounts, lockedTotals, existing, failed, resolutions },
      new Set(locked),
    );
    const inserted = await writePlan(tx, plan, slot);
    const transfers = new Map([...existing, ...inserted]);
    return plan.results.map((results) =>
      results.map((planned): TransferResult => {
        if (!("transferId" in planned)) return planned;
        const transfer = transfers.get(planned.transferId) as StoredTransfer;
        return { id: planned.id, result: planned.result, transfer };
      }),
    );
  });
}

async function readTransfers(tx: Tx, ids: string[]): Promise<Map<string, StoredTransfer>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.unsafe<TransferRow[]>(
    `select ${TRANSFER_COLUMNS} from ledger_transfers where id = any($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, toStoredTransfer(row)]));
}

async function readFailed(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx<{ id: string; result: string }[]>`
    select id, result from ledger_failed_transfers where id = any(${ids}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row.result]));
}

async function readResolutions(tx: Tx, pendingIds: string[]): Promise<Map<string, TransferPhase>> {
  if (pendingIds.length === 0) return new Map();
  const rows = await tx<{ pending_id: string; phase: TransferPhase }[]>`
    select pending_id, phase from ledger_transfers where pending_id = any(${pendingIds}::uuid[])`;
  return new Map(rows.map((row) => [row.pending_id, row.phase]));
}

async function readNow(tx: Tx): Promise<Date> {
  const [row] = await tx<{ now: Date }[]>`select now() as now`;
  return row?.now ?? new Date();
}

/**
 * Locks the rows in id order (FOR UPDATE), rolls the slots of hot ones into their rows, and
 * returns the locked totals.
 */
async function lockAccounts(
  tx: Tx,
  locked: string[],
  hotLocked: string[],
): Promise<Map<string, AccountTotals>> {
  if (locked.length === 0) return new Map();
  const lockRows = tx<({ id: string } & TotalsRow)[]>`
    select id, debits_posted, credits_posted, debits_pending, credits_pending
    from ledger_accounts where id = any(${locked}::uuid[]) order by id for update`;
  if (hotLocked.length === 0) {
    const rows = await lockRows;
    return new Map(rows.map((row) => [row.id, toTotals(row)]));
  }
  const [, , rows] = await Promise.all([
    lockRows,
    tx`
      with moved as (
        delete from ledger_account_slots where account_id = any(${hotLocked}::uuid[]) returning *
      ), sums as (
        select account_id, sum(debits_posted) dp, sum(credits_posted) cp,
               sum(debits_pending) dpe, sum(credits_pending) cpe
        from moved group by account_id
      )
      update ledger_accounts a
      set debits_posted = a.debits_posted + s.dp, credits_posted = a.credits_posted + s.cp,
          debits_pending = a.debits_pending + s.dpe, credits_pending = a.credits_pending + s.cpe
      from sums s where a.id = s.account_id`,
    tx<({ id: string } & TotalsRow)[]>`
      select id, debits_posted, credits_posted, debits_pending, credits_pending
      from ledger_accounts where id = any(${hotLocked}::uuid[])`,
  ]);
  const totals = new Map((await lockRows).map((row) => [row.id, toTotals(row)]));
  for (const row of rows) totals.set(row.id, toTotals(row));
  return totals;
}

async function writePlan(
  tx: Tx,
  plan: BatchPlan,
  slot: number,
): Promise<Map<string, StoredTransfer>> {
  const writes: Promise<unknown>[] = [];
  let inserted: Promise<TransferRow[]> = Promise.resolve([]);
  if (plan.inserts.length > 0) {
    const records = JSON.stringify(
      plan.inserts.map((row, ord) => ({
        ord,
        id: row.id,
        debit_account_id: row.debitAccountId,
        credit_account_id: row.creditAccountId,
        asset: row.asset,
        amount: row.amount.toString(),
        code: row.code,
        phase: row.phase,
        pending_id: row.pendingId,
        linked_group: row.linkedGroup,
        timeout_at: row.timeoutAt?.toISOString() ?? null,
        metadata: row.metadata,
      })),
    );
    inserted = tx.unsafe<TransferRow[]>(
      `insert into ledger_transfers
         (id, debit_account_id, credit_account_id, asset, amount, code, phase, pending_id,
          linked_group, timeout_at, metadata)
       select id, debit_account_id, credit_account_id, asset, amount, code, phase, pending_id,
              linked_group, timeout_at, coalesce(metadata, '{}'::jsonb)
       from jsonb_to_recordset($1::text::jsonb) as r(
         id uuid, debit_account_id uuid, credit_account_id uuid, asset text, amount int8,
         code text, phase text, pending_id uuid, linked_group text, timeout_at timestamptz,
         metadata jsonb, ord int8)
       order by ord
       returning ${TRANSFER_COLUMNS}`,
      [records],
    );
    writes.push(inserted);
  }
  if (plan.rowDeltas.size > 0) {
    writes.push(tx`
      update ledger_accounts a
      set debits_posted = a.debits_posted + d.dp, credits_posted = a.credits_posted + d.cp,
          debits_pending = a.debits_pending + d.dpe, credits_pending = a.credits_pending + d.cpe
      from jsonb_to_recordset(${totalsRecords(plan.rowDeltas)}::text::jsonb)
        as d(id uuid, dp int8, cp int8, dpe int8, cpe int8)
      where a.id = d.id`);
  }
  if (plan.slotDeltas.size > 0) {
    writes.push(tx`
      insert into ledger_account_slots
        (account_id, slot, debits_posted, credits_posted, debits_pending, credits_pending)
      select d.id, ${slot}, d.dp, d.cp, d.dpe, d.cpe
      from jsonb_to_recordset(${totalsRecords(plan.slotDeltas)}::text::jsonb)
        as d(id uuid, dp int8, cp int8, dpe int8, cpe int8)
      on conflict (account_id, slot) do update set
        debits_posted = ledger_account_slots.debits_posted + excluded.debits_posted,
        credits_posted = ledger_account_slots.credits_posted + excluded.credits_posted,
        debits_pending = ledger_account_slots.debits_pending + excluded.debits_pending,
        credits_pending = ledger_account_slots.credits_pending + excluded.credits_pending`);
  }
  if (plan.failures.length > 0) {
    writes.push(tx`
      insert into ledger_failed_transfers (id, result)
      select id, result from jsonb_to_recordset(${JSON.stringify(plan.failures)}::text::jsonb)
        as f(id uuid, result text)
      on conflict (id) do nothing`);
  }
  await Promise.all(writes);
  return new Map((await inserted).map((row) => [row.id, toStoredTransfer(row)]));
}
