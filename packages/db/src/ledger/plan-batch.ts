import { isUuid } from "./ids.ts";
import { stableJson } from "./stable-json.ts";
import { addToMap, addTotals, availableBalance, ZERO_TOTALS } from "./totals.ts";
import type {
  AccountTotals,
  Asset,
  StoredTransfer,
  TransferPhase,
  TransferRequest,
  TransferResultCode,
} from "./types.ts";

/** What the ledger knows of an account without reading its totals. Never changes. */
export interface AccountInfo {
  readonly id: string;
  readonly asset: Asset;
  readonly debitsMustNotExceedCredits: boolean;
  readonly hot: boolean;
}

/** The database state a batch is planned against, read inside the batch's transaction. */
export interface BatchSnapshot {
  readonly now: Date;
  readonly accounts: ReadonlyMap<string, AccountInfo>;
  /** Totals of the accounts locked for this batch (their slots rolled into the row). */
  readonly lockedTotals: ReadonlyMap<string, AccountTotals>;
  /** Stored transfers among the requested ids and the pending transfers they resolve. */
  readonly existing: ReadonlyMap<string, StoredTransfer>;
  /** Ids that failed before, with their result. */
  readonly failed: ReadonlyMap<string, string>;
  /** Pending transfer id -> the phase of the transfer that resolved it. */
  readonly resolutions: ReadonlyMap<string, TransferPhase>;
}

export interface NewTransferRow {
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly asset: Asset;
  readonly amount: bigint;
  readonly code: TransferRequest["code"];
  readonly phase: TransferPhase;
  readonly pendingId: string | null;
  readonly linkedGroup: string | null;
  readonly timeoutAt: Date | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export type FailureCode = Exclude<TransferResultCode, "ok" | "exists">;

export type PlannedResult =
  | { readonly id: string; readonly result: "ok" | "exists"; readonly transferId: string }
  | { readonly id: string; readonly result: FailureCode };

export interface BatchPlan {
  /** One list per submission, in request order. */
  readonly results: PlannedResult[][];
  readonly inserts: NewTransferRow[];
  /** Changes to account rows (locked accounts and cold accounts). */
  readonly rowDeltas: Map<string, AccountTotals>;
  /** Unchecked changes to hot accounts, written to this writer's slot. */
  readonly slotDeltas: Map<string, AccountTotals>;
  /** Ids to remember as failed, so they stay failed. */
  readonly failures: { readonly id: string; readonly result: FailureCode }[];
}

/** Failures that are not the id's fault and so are not remembered against it. */
const NOT_REMEMBERED: ReadonlySet<FailureCode> = new Set([
  "exists_with_different_fields",
  "id_already_failed",
  "id_must_be_uuid",
]);

interface Effect {
  readonly row: NewTransferRow;
  readonly debit: AccountTotals;
  readonly credit: AccountTotals;
}

/**
 * Decides every transfer of a batch against a snapshot, in order, the way TigerBeetle does:
 * each sees the effects of those before it; a linked group applies all or nothing; business
 * outcomes are results. Pure: the caller reads the snapshot and writes the plan in one
 * transaction, holding locks on every account whose row changes.
 */
export function planBatch(
  submissions: readonly (readonly TransferRequest[])[],
  snapshot: BatchSnapshot,
  lockedAccounts: ReadonlySet<string>,
): BatchPlan {
  const planner = new BatchPlanner(snapshot, lockedAccounts);
  const results = submissions.map((transfers) => planner.apply(transfers));
  return planner.finish(results);
}

/**
 * `planBatch` one submission at a time, for callers that decide what to submit from what the
 * batch did so far (spends: `plan-spends.ts`).
 */
export class BatchPlanner {
  private readonly state: BatchState;

  constructor(snapshot: BatchSnapshot, lockedAccounts: ReadonlySet<string>) {
    this.state = new BatchState(snapshot, lockedAccounts);
  }

  /** Decides one submission's transfers after every earlier one. */
  apply(transfers: readonly TransferRequest[]): PlannedResult[] {
    const out: PlannedResult[] = new Array(transfers.length);
    for (const chain of splitChains(transfers, out)) this.state.applyChain(transfers, chain, out);
    return out;
  }

  /** A transfer stored before the batch or created by it so far. */
  lookup(id: string): NewTransferRow | StoredTransfer | undefined {
    return this.state.lookup(id);
  }

  /** What a locked user account can spend after the batch so far. */
  available(accountId: string): bigint {
    return this.state.available(accountId);
  }

  finish(results: PlannedResult[][]): BatchPlan {
    return {
      results,
      inserts: this.state.inserts,
      rowDeltas: this.state.rowDeltas,
      slotDeltas: this.state.slotDeltas,
      failures: this.state.failures,
    };
  }
}

/**
 * Groups a submission's indices into chains: a run of the same `linkedGroup`, or a single
 * transfer. A group split by other transfers fails whole with `linked_group_not_contiguous`.
 */
function splitChains(transfers: readonly TransferRequest[], out: PlannedResult[]): number[][] {
  const chains: number[][] = [];
  const closedGroups = new Set<string>();
  const brokenGroups = new Set<string>();
  let open: { group: string; chain: number[] } | null = null;
  transfers.forEach((transfer, index) => {
    const group = transfer.linkedGroup;
    if (open && open.group !== group) {
      closedGroups.add(open.group);
      open = null;
    }
    if (group === undefined) {
      chains.push([index]);
    } else if (open) {
      open.chain.push(index);
    } else {
      if (closedGroups.has(group)) brokenGroups.add(group);
      open = { group, chain: [index] };
      chains.push(open.chain);
    }
  });
  if (brokenGroups.size === 0) return chains;
  return chains.filter((chain) => {
    const group = transfers[chain[0] ?? 0]?.linkedGroup;
    if (group === undefined || !brokenGroups.has(group)) return true;
    for (const index of chain) {
      out[index] = { id: transfers[index]?.id ?? "", result: "linked_group_not_contiguous" };
    }
    return false;
  });
}

class BatchState {
  readonly inserts: NewTransferRow[] = [];
  readonly rowDeltas = new Map<string, AccountTotals>();
  readonly slotDeltas = new Map<string, AccountTotals>();
  readonly failures: { id: string; result: FailureCode }[] = [];
  private readonly created = new Map<string, NewTransferRow>();
  private readonly failedHere = new Map<string, FailureCode>();
  private readonly resolvedHere = new Map<string, TransferPhase>();
  /** Batch-applied changes to locked accounts, for balance checks. */
  private readonly lockedDeltas = new Map<string, AccountTotals>();

  constructor(
    private readonly snapshot: BatchSnapshot,
    private readonly locked: ReadonlySet<string>,
  ) {}

  applyChain(
    transfers: readonly TransferRequest[],
    chain: readonly number[],
    out: PlannedResult[],
  ) {
    const chainDeltas = new Map<string, AccountTotals>();
    const chainResolutions = new Map<string, TransferPhase>();
    const effects: Effect[] = [];
    const outcomes: PlannedResult[] = [];
    let failedAt = -1;
    for (const [position, index] of chain.entries()) {
      const request = transfers[index] as TransferRequest;
      const outcome = this.decide(request, chainDeltas, chainResolutions, effects);
      outcomes.push(outcome);
      if (outcome.result !== "ok" && outcome.result !== "exists") {
        failedAt = position;
        break;
      }
    }

    if (failedAt >= 0) {
      chain.forEach((index, position) => {
        const id = transfers[index]?.id ?? "";
        const outcome: PlannedResult =
          position === failedAt
            ? (outcomes[position] as PlannedResult)
            : { id, result: "linked_event_failed" };
        out[index] = outcome;
        // An id already stored keeps its stored result; only new ids are remembered as failed.
        const alreadyStored = outcomes[position]?.result === "exists";
        if (!alreadyStored && outcome.result !== "ok" && outcome.result !== "exists") {
          this.rememberFailure(id, outcome.result);
        }
      });
      return;
    }

    chain.forEach((index, position) => {
      out[index] = outcomes[position] as PlannedResult;
    });
    for (const effect of effects) this.commit(effect);
    for (const [pendingId, phase] of chainResolutions) this.resolvedHere.set(pendingId, phase);
  }

  private rememberFailure(id: string, result: FailureCode) {
    if (NOT_REMEMBERED.has(result) || !isUuid(id) || this.failedHere.has(id)) return;
    if (this.snapshot.failed.has(id) || this.snapshot.existing.has(id) || this.created.has(id))
      return;
    this.failedHere.set(id, result);
    this.failures.push({ id, result });
  }

  private commit(effect: Effect) {
    const { row } = effect;
    this.inserts.push(row);
    this.created.set(row.id, row);
    this.route(row.debitAccountId, effect.debit);
    this.route(row.creditAccountId, effect.credit);
  }

  private route(accountId: string, delta: AccountTotals) {
    if (this.locked.has(accountId)) {
      addToMap(this.rowDeltas, accountId, delta);
      addToMap(this.lockedDeltas, accountId, delta);
    } else if (this.snapshot.accounts.get(accountId)?.hot) {
      addToMap(this.slotDeltas, accountId, delta);
    } else {
      addToMap(this.rowDeltas, accountId, delta);
    }
  }

  lookup(id: string): NewTransferRow | StoredTransfer | undefined {
    return this.created.get(id) ?? this.snapshot.existing.get(id);
  }

  available(accountId: string): bigint {
    return availableBalance(
      addTotals(
        this.snapshot.lockedTotals.get(accountId) ?? ZERO_TOTALS,
        this.lockedDeltas.get(accountId) ?? ZERO_TOTALS,
      ),
    );
  }

  private decide(
    request: TransferRequest,
    chainDeltas: Map<string, AccountTotals>,
    chainResolutions: Map<string, TransferPhase>,
    effects: Effect[],
  ): PlannedResult {
    const fail = (result: FailureCode): PlannedResult => ({ id: request.id, result });
    if (typeof request.id !== "string" || !isUuid(request.id)) return fail("id_must_be_uuid");

    const stored = this.lookup(request.id);
    if (stored) {
      return sameFields(request, stored, this.lookup(stored.pendingId ?? ""))
        ? { id: request.id, result: "exists", transferId: stored.id }
        : fail("exists_with_different_fields");
    }
    if (this.snapshot.failed.has(request.id) || this.failedHere.has(request.id)) {
      return fail("id_already_failed");
    }
    if (effects.some((effect) => effect.row.id === request.id))
      return fail("exists_with_different_fields");

    const phase = request.phase ?? "single";
    const decided =
      phase === "single" || phase === "pending"
        ? this.decideNew(request, phase)
        : this.decideResolution(request, phase, chainResolutions, effects);
    if ("result" in decided) return fail(decided.result);

    // Balance check: a user account's debits (posted and reserved) may not pass its credits.
    const debitInfo = this.snapshot.accounts.get(decided.row.debitAccountId);
    const growsDebits = decided.debit.debitsPosted + decided.debit.debitsPending > 0n;
    if (debitInfo?.debitsMustNotExceedCredits && growsDebits) {
      const totals = addTotals(
        addTotals(
          this.snapshot.lockedTotals.get(debitInfo.id) ?? ZERO_TOTALS,
          this.lockedDeltas.get(debitInfo.id) ?? ZERO_TOTALS,
        ),
        addTotals(chainDeltas.get(debitInfo.id) ?? ZERO_TOTALS, decided.debit),
      );
      if (availableBalance(totals) < 0n) return fail("exceeds_credits");
    }

    addToMap(chainDeltas, decided.row.debitAccountId, decided.debit);
    addToMap(chainDeltas, decided.row.creditAccountId, decided.credit);
    if (decided.row.pendingId) chainResolutions.set(decided.row.pendingId, decided.row.phase);
    effects.push(decided);
    return { id: request.id, result: "ok", transferId: request.id };
  }

  private decideNew(
    request: TransferRequest,
    phase: "single" | "pending",
  ): Effect | { result: FailureCode } {
    if (request.pendingId !== undefined) return { result: "pending_id_must_be_absent" };
    if (request.timeoutSeconds !== undefined && phase !== "pending") {
      return { result: "timeout_reserved_for_pending" };
    }
    const amount = request.amount;
    if (typeof amount !== "bigint" || amount <= 0n) return { result: "amount_must_be_positive" };
    const { debitAccountId, creditAccountId } = request;
    if (debitAccountId === creditAccountId) return { result: "accounts_must_be_different" };
    const debit =
      debitAccountId === undefined ? undefined : this.snapshot.accounts.get(debitAccountId);
    if (!debit) return { result: "debit_account_not_found" };
    const credit =
      creditAccountId === undefined ? undefined : this.snapshot.accounts.get(creditAccountId);
    if (!credit) return { result: "credit_account_not_found" };
    if (request.asset !== debit.asset || request.asset !== credit.asset)
      return { result: "asset_mismatch" };
    const timeoutSeconds = request.timeoutSeconds;
    if (
      timeoutSeconds !== undefined &&
      !(Number.isSafeInteger(timeoutSeconds) && timeoutSeconds > 0)
    ) {
      return { result: "timeout_reserved_for_pending" };
    }
    const pending = phase === "pending";
    return {
      row: {
        id: request.id,
        debitAccountId: debit.id,
        creditAccountId: credit.id,
        asset: debit.asset,
        amount,
        code: request.code,
        phase,
        pendingId: null,
        linkedGroup: request.linkedGroup ?? null,
        timeoutAt:
          timeoutSeconds === undefined
            ? null
            : new Date(this.snapshot.now.getTime() + timeoutSeconds * 1000),
        metadata: request.metadata ?? {},
      },
      debit: pending
        ? { ...ZERO_TOTALS, debitsPending: amount }
        : { ...ZERO_TOTALS, debitsPosted: amount },
      credit: pending
        ? { ...ZERO_TOTALS, creditsPending: amount }
        : { ...ZERO_TOTALS, creditsPosted: amount },
    };
  }

  private decideResolution(
    request: TransferRequest,
    phase: "post_pending" | "void_pending",
    chainResolutions: ReadonlyMap<string, TransferPhase>,
    chainEffects: readonly Effect[],
  ): Effect | { result: FailureCode } {
    if (request.pendingId === undefined) return { result: "pending_id_required" };
    if (request.timeoutSeconds !== undefined) return { result: "timeout_reserved_for_pending" };
    // A pending transfer created earlier in the same linked group counts too.
    const target =
      this.lookup(request.pendingId) ??
      chainEffects.find((effect) => effect.row.id === request.pendingId)?.row;
    if (!target) return { result: "pending_transfer_not_found" };
    if (target.phase !== "pending") return { result: "pending_transfer_not_pending" };
    const differs =
      (request.debitAccountId !== undefined && request.debitAccountId !== target.debitAccountId) ||
      (request.creditAccountId !== undefined &&
        request.creditAccountId !== target.creditAccountId) ||
      (request.asset !== undefined && request.asset !== target.asset) ||
      (phase === "void_pending" &&
        request.amount !== undefined &&
        request.amount !== target.amount);
    if (differs) return { result: "pending_transfer_has_different_fields" };
    const resolvedAs =
      chainResolutions.get(target.id) ??
      this.resolvedHere.get(target.id) ??
      this.snapshot.resolutions.get(target.id);
    if (resolvedAs === "post_pending") return { result: "pending_transfer_already_posted" };
    if (resolvedAs === "void_pending") return { result: "pending_transfer_already_voided" };
    const expired =
      target.timeoutAt !== null && target.timeoutAt.getTime() <= this.snapshot.now.getTime();
    if (phase === "post_pending" && expired) return { result: "pending_transfer_expired" };

    const amount = phase === "post_pending" ? (request.amount ?? target.amount) : target.amount;
    if (typeof amount !== "bigint" || amount <= 0n) return { result: "amount_must_be_positive" };
    if (amount > target.amount) return { result: "exceeds_pending_transfer_amount" };
    const posted = phase === "post_pending" ? amount : 0n;
    return {
      row: {
        id: request.id,
        debitAccountId: target.debitAccountId,
        creditAccountId: target.creditAccountId,
        asset: target.asset,
        amount,
        code: request.code,
        phase,
        pendingId: target.id,
        linkedGroup: request.linkedGroup ?? null,
        timeoutAt: null,
        metadata: request.metadata ?? {},
      },
      debit: { ...ZERO_TOTALS, debitsPending: -target.amount, debitsPosted: posted },
      credit: { ...ZERO_TOTALS, creditsPending: -target.amount, creditsPosted: posted },
    };
  }
}

/** Whether a retried request matches what was stored under its id. */
function sameFields(
  request: TransferRequest,
  stored: NewTransferRow | StoredTransfer,
  pending: NewTransferRow | StoredTransfer | undefined,
): boolean {
  const phase = request.phase ?? "single";
  const resolves = phase === "post_pending" || phase === "void_pending";
  const expectedAmount = request.amount ?? (resolves ? pending?.amount : undefined);
  return (
    phase === stored.phase &&
    request.code === stored.code &&
    (request.pendingId ?? null) === stored.pendingId &&
    (request.debitAccountId === undefined
      ? resolves
      : request.debitAccountId === stored.debitAccountId) &&
    (request.creditAccountId === undefined
      ? resolves
      : request.creditAccountId === stored.creditAccountId) &&
    (request.asset === undefined ? resolves : request.asset === stored.asset) &&
    expectedAmount === stored.amount &&
    (request.linkedGroup ?? null) === stored.linkedGroup &&
    (request.timeoutSeconds !== undefined) === (stored.timeoutAt !== null) &&
    stableJson(request.metadata ?? {}) === stableJson(stored.metadata)
  );
}
