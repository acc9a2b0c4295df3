import type { AccountTotals, Asset, StoredTransfer, TransferCode, TransferPhase } from "./types.ts";

/** A `ledger_transfers` row as postgres.js returns it (int8 as BigInt). */
export interface TransferRow {
  seq: bigint;
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  asset: string;
  amount: bigint;
  code: string;
  phase: string;
  pending_id: string | null;
  linked_group: string | null;
  timeout_at: Date | null;
  metadata: Record<string, unknown>;
  created_at: Date;
}

export const TRANSFER_COLUMNS =
  "seq, id, debit_account_id, credit_account_id, asset, amount, code, phase, pending_id, linked_group, timeout_at, metadata, created_at";

export function toStoredTransfer(row: TransferRow): StoredTransfer {
  return {
    seq: row.seq,
    id: row.id,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    asset: row.asset as Asset,
    amount: row.amount,
    code: row.code as TransferCode,
    phase: row.phase as TransferPhase,
    pendingId: row.pending_id,
    linkedGroup: row.linked_group,
    timeoutAt: row.timeout_at,
    metadata: row.metadata,
    createdAt: row.created_at,
  };
}

/** The four total columns of an account or slot row. */
export interface TotalsRow {
  debits_posted: bigint;
  credits_posted: bigint;
  debits_pending: bigint;
  credits_pending: bigint;
}

export function toTotals(row: TotalsRow): AccountTotals {
  return {
    debitsPosted: row.debits_posted,
    creditsPosted: row.credits_posted,
    debitsPending: row.debits_pending,
    creditsPending: row.credits_pending,
  };
}

/** Totals as JSON records for `jsonb_to_recordset` (bigints as strings, exact). */
export function totalsRecords(deltas: ReadonlyMap<string, AccountTotals>): string {
  return JSON.stringify(
    [...deltas.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, t]) => ({
        id,
        dp: t.debitsPosted.toString(),
        cp: t.creditsPosted.toString(),
        dpe: t.debitsPending.toString(),
        cpe: t.creditsPending.toString(),
      })),
  );
}

/** A transfer row as JSON from `json_agg` (int8 as text so nothing passes through a float). */
export interface TransferJson
  extends Omit<TransferRow, "seq" | "amount" | "timeout_at" | "created_at"> {
  seq: string;
  amount: string;
  timeout_at: string | null;
  created_at: string;
}

export const TRANSFER_JSON_COLUMNS =
  "seq::text as seq, id, debit_account_id, credit_account_id, asset, amount::text as amount, code, phase, pending_id, linked_group, timeout_at, metadata, created_at";

export function fromTransferJson(json: TransferJson): StoredTransfer {
  return toStoredTransfer({
    ...json,
    seq: BigInt(json.seq),
    amount: BigInt(json.amount),
    timeout_at: json.timeout_at === null ? null : new Date(json.timeout_at),
    created_at: new Date(json.created_at),
  });
}
