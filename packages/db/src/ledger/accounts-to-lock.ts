import type { AccountInfo } from "./plan-batch.ts";
import type { StoredTransfer, TransferRequest } from "./types.ts";

/**
 * The accounts whose rows a batch may change, sorted by id: every cold account it touches,
 * and every hot user account it debits (their slots are rolled into the row so the database's
 * balance CHECK sees all credits). Locking them all up front, in one order, keeps concurrent
 * batches from deadlocking and makes the balance checks exact.
 */
export function accountsToLock(
  submissions: readonly (readonly TransferRequest[])[],
  accounts: ReadonlyMap<string, AccountInfo>,
  pendingTargets: ReadonlyMap<string, StoredTransfer>,
): string[] {
  const inBatch = new Map<string, TransferRequest>();
  for (const transfers of submissions)
    for (const transfer of transfers) inBatch.set(transfer.id, transfer);

  const lock = new Set<string>();
  const consider = (accountId: string | undefined, side: "debit" | "credit") => {
    const info = accountId === undefined ? undefined : accounts.get(accountId);
    if (!info) return;
    if (!info.hot || (side === "debit" && info.debitsMustNotExceedCredits)) lock.add(info.id);
  };
  for (const transfers of submissions) {
    for (const transfer of transfers) {
      const target =
        transfer.pendingId === undefined
          ? transfer
          : (pendingTargets.get(transfer.pendingId) ?? inBatch.get(transfer.pendingId) ?? transfer);
      consider(target.debitAccountId, "debit");
      consider(target.creditAccountId, "credit");
    }
  }
  return [...lock].sort();
}
