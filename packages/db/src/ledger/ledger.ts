import { CARRY_LANES } from "@coinstream/core";
import type { Sql } from "../client.ts";
import { AccountCache } from "./account-cache.ts";
import { type AccountBalance, getBalances } from "./accounts.ts";
import { commitBatch } from "./commit-batch.ts";
import { GroupCommitter } from "./group-commit.ts";
import { transferIdFor } from "./ids.ts";
import { withRetries } from "./retry.ts";
import type { SpendOutcome, SpendRequest } from "./spend-types.ts";
import type { TransferRequest, TransferResult } from "./types.ts";

export interface LedgerOptions {
  /**
   * Batches in flight at once (default 2: one plans and writes while the other commits; more
   * only queue on the same two cores), each writing its own hot-account slot.
   */
  readonly writers?: number;
  /** Most transfers per batch (default 500). */
  readonly maxBatchTransfers?: number;
  /**
   * Slot numbers this process writes are `slotBase + writer`; processes sharing a database
   * should use different bases (default: derived from the process id) to avoid sharing slots.
   */
  readonly slotBase?: number;
}

/** The ledger engine: group-committed, idempotent transfers and O(1) balances. */
export interface Ledger {
  /**
   * Creates transfers, returning one result per transfer in order. Never throws for a business
   * outcome (overdraft, duplicate, unknown account...); throws only when the database cannot be
   * reached or a bug breaks an invariant the database enforces.
   */
  createTransfers(transfers: readonly TransferRequest[]): Promise<TransferResult[]>;
  /**
   * Decides and writes a coin spend inside a batch (see `SpendRequest`): the spend costs the
   * caller no transaction of its own. Throws only as `createTransfers` does.
   */
  spend(request: SpendRequest): Promise<SpendOutcome>;
  getBalances(accountIds: readonly string[]): Promise<Map<string, AccountBalance>>;
  /** Voids pending transfers whose timeout has passed (job-callable); returns how many. */
  voidExpiredPendingTransfers(limit?: number): Promise<number>;
}

const SLOTS_PER_ACCOUNT = 64;

export function createLedger(sql: Sql, options: LedgerOptions = {}): Ledger {
  const writers = options.writers ?? 2;
  const slotBase = options.slotBase ?? (process.pid * writers) % SLOTS_PER_ACCOUNT;
  const accountCache = new AccountCache();
  const committer = new GroupCommitter<TransferResult[] | SpendOutcome>(
    (submissions, writer) =>
      withRetries(() =>
        commitBatch(
          sql,
          submissions,
          (slotBase + writer) % SLOTS_PER_ACCOUNT,
          // One carry lane per writer: a process's writers never wait on each other's lane.
          writer % CARRY_LANES,
          accountCache,
        ),
      ),
    { writers, maxBatchTransfers: options.maxBatchTransfers ?? 500 },
  );
  const submit = (transfers: readonly TransferRequest[]) =>
    committer.submit({ transfers }) as Promise<TransferResult[]>;

  return {
    createTransfers: (transfers) =>
      transfers.length === 0 ? Promise.resolve([]) : submit(transfers),
    spend: (request) => committer.submit({ spend: request }) as Promise<SpendOutcome>,
    getBalances: (ids) => getBalances(sql, ids),
    async voidExpiredPendingTransfers(limit = 1_000) {
      const expired = await sql<{ id: string }[]>`
        select p.id from ledger_transfers p
        where p.phase = 'pending' and p.timeout_at is not null and p.timeout_at <= now()
          and not exists (
            select 1 from ledger_transfers r where r.pending_id is not null and r.pending_id = p.id)
        order by p.timeout_at limit ${limit}`;
      if (expired.length === 0) return 0;
      const results = await submit(
        expired.map(({ id }) => ({
          id: transferIdFor(id, "expire"),
          phase: "void_pending",
          pendingId: id,
          code: "expire",
        })),
      );
      return results.filter((result) => result.result === "ok").length;
    },
  };
}
