import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountsToLock } from "./accounts-to-lock.ts";
import { type AccountInfo, type BatchSnapshot, planBatch } from "./plan-batch.ts";
import type {
  AccountTotals,
  Asset,
  StoredTransfer,
  TransferPhase,
  TransferRequest,
} from "./types.ts";

const NOW = new Date("2030-01-01T00:00:00.000Z");

const info = (asset: Asset, limited: boolean, hot: boolean): AccountInfo => ({
  id: randomUUID(),
  asset,
  debitsMustNotExceedCredits: limited,
  hot,
});

// The account kinds of the real purposes: cold user wallets, a hot user account (creator_held),
// hot platform accounts without limits.
const WALLET = info("COIN", true, false);
const OTHER_WALLET = info("COIN", true, false);
const COIN_ISSUANCE = info("COIN", false, true);
const REVENUE = info("COIN", false, true);
const HELD = info("DIAMOND", true, true);
const AVAILABLE = info("DIAMOND", true, false);
const DIAMOND_ISSUANCE = info("DIAMOND", false, true);
const CLEARING = info("DIAMOND", false, true);
const ALL_ACCOUNTS = [
  WALLET,
  OTHER_WALLET,
  COIN_ISSUANCE,
  REVENUE,
  HELD,
  AVAILABLE,
  DIAMOND_ISSUANCE,
  CLEARING,
];

const totals = (over: Partial<AccountTotals> = {}): AccountTotals => ({
  debitsPosted: 0n,
  creditsPosted: 0n,
  debitsPending: 0n,
  creditsPending: 0n,
  ...over,
});

interface SnapshotParts {
  readonly lockedTotals?: Record<string, AccountTotals>;
  readonly existing?: readonly StoredTransfer[];
  readonly failed?: Record<string, string>;
  readonly resolutions?: Record<string, TransferPhase>;
}

function snapshot(parts: SnapshotParts = {}): BatchSnapshot {
  return {
    now: NOW,
    accounts: new Map(ALL_ACCOUNTS.map((account) => [account.id, account])),
    lockedTotals: new Map(Object.entries(parts.lockedTotals ?? {})),
    existing: new Map((parts.existing ?? []).map((transfer) => [transfer.id, transfer])),
    failed: new Map(Object.entries(parts.failed ?? {})),
    resolutions: new Map(Object.entries(parts.resolutions ?? {})),
  };
}

/** A wallet holding `coins`, locked as the ledger would lock it. */
const funded = (coins: bigint) => ({
  lockedTotals: { [WALLET.id]: totals({ creditsPosted: coins }) },
});

const LOCK_WALLET = new Set([WALLET.id]);

function spend(amount: bigint | undefined, over: Partial<TransferRequest> = {}): TransferRequest {
  return {
    id: randomUUID(),
    debitAccountId: WALLET.id,
    creditAccountId: REVENUE.id,
    asset: "COIN",
    amount,
    code: "tip",
    ...over,
  };
}

function mint(amount: bigint, over: Partial<TransferRequest> = {}): TransferRequest {
  return spend(amount, {
    debitAccountId: COIN_ISSUANCE.id,
    creditAccountId: WALLET.id,
    code: "purchase",
    ...over,
  });
}

function stored(over: Partial<StoredTransfer> = {}): StoredTransfer {
  return {
    seq: 1n,
    id: randomUUID(),
    debitAccountId: WALLET.id,
    creditAccountId: REVENUE.id,
    asset: "COIN",
    amount: 10n,
    code: "tip",
    phase: "single",
    pendingId: null,
    linkedGroup: null,
    timeoutAt: null,
    metadata: {},
    createdAt: NOW,
    ...over,
  };
}

/** A stored pending withdrawal of 40 diamonds from AVAILABLE, which holds 100 posted. */
function withdrawal(over: Partial<StoredTransfer> = {}): StoredTransfer {
  return stored({
    debitAccountId: AVAILABLE.id,
    creditAccountId: CLEARING.id,
    asset: "DIAMOND",
    amount: 40n,
    code: "payout",
    phase: "pending",
    ...over,
  });
}

const withdrawalTotals = {
  [AVAILABLE.id]: totals({ creditsPosted: 100n, debitsPending: 40n }),
};
const LOCK_AVAILABLE = new Set([AVAILABLE.id]);

function resolve(
  pending: StoredTransfer,
  phase: "post_pending" | "void_pending",
  over: Partial<TransferRequest> = {},
): TransferRequest {
  return { id: randomUUID(), phase, pendingId: pending.id, code: "payout", ...over };
}

const codes = (plan: ReturnType<typeof planBatch>) =>
  plan.results.map((results) => results.map((r) => r.result));

interface Case {
  readonly code: string;
  readonly when: string;
  readonly transfers: () => { transfers: TransferRequest[]; parts?: SnapshotParts };
  readonly locked?: ReadonlySet<string>;
  readonly expected: readonly string[];
}

const onePending = (
  make: (pending: StoredTransfer) => TransferRequest,
  pending: StoredTransfer = withdrawal(),
  parts: SnapshotParts = {},
) => ({
  transfers: [make(pending)],
  parts: { lockedTotals: withdrawalTotals, existing: [pending], ...parts },
});

const CASES: readonly Case[] = [
  {
    code: "ok",
    when: "a funded wallet spends within its balance",
    transfers: () => ({ transfers: [spend(10n)], parts: funded(10n) }),
    expected: ["ok"],
  },
  {
    code: "id_must_be_uuid",
    when: "the id is not a uuid",
    transfers: () => ({ transfers: [spend(1n, { id: "gift-1" })], parts: funded(10n) }),
    expected: ["id_must_be_uuid"],
  },
  {
    code: "exists",
    when: "the same request was stored before",
    transfers: () => {
      const request = spend(10n);
      return {
        transfers: [request],
        parts: { ...funded(100n), existing: [stored({ id: request.id })] },
      };
    },
    expected: ["exists"],
  },
  {
    code: "exists_with_different_fields",
    when: "the id was stored with another amount",
    transfers: () => {
      const request = spend(11n);
      return {
        transfers: [request],
        parts: { ...funded(100n), existing: [stored({ id: request.id })] },
      };
    },
    expected: ["exists_with_different_fields"],
  },
  {
    code: "id_already_failed",
    when: "the id failed before, even though it would succeed now",
    transfers: () => {
      const request = spend(10n);
      return {
        transfers: [request],
        parts: { ...funded(100n), failed: { [request.id]: "exceeds_credits" } },
      };
    },
    expected: ["id_already_failed"],
  },
  {
    code: "linked_event_failed",
    when: "another transfer of the linked group fails",
    transfers: () => ({
      transfers: [
        spend(5n, { linkedGroup: "g" }),
        spend(0n, { linkedGroup: "g" }),
        spend(5n, { linkedGroup: "g" }),
      ],
      parts: funded(100n),
    }),
    expected: ["linked_event_failed", "amount_must_be_positive", "linked_event_failed"],
  },
  {
    code: "linked_group_not_contiguous",
    when: "a linked group is split by another transfer",
    transfers: () => ({
      transfers: [spend(1n, { linkedGroup: "g" }), spend(1n), spend(1n, { linkedGroup: "g" })],
      parts: funded(100n),
    }),
    expected: ["linked_group_not_contiguous", "ok", "linked_group_not_contiguous"],
  },
  {
    code: "amount_must_be_positive",
    when: "the amount is zero, negative or missing",
    transfers: () => ({
      transfers: [spend(0n), spend(-1n), spend(undefined)],
      parts: funded(100n),
    }),
    expected: ["amount_must_be_positive", "amount_must_be_positive", "amount_must_be_positive"],
  },
  {
    code: "accounts_must_be_different",
    when: "debit and credit are the same account",
    transfers: () => ({
      transfers: [spend(1n, { creditAccountId: WALLET.id })],
      parts: funded(100n),
    }),
    expected: ["accounts_must_be_different"],
  },
  {
    code: "debit_account_not_found",
    when: "the debit account does not exist",
    transfers: () => ({ transfers: [spend(1n, { debitAccountId: randomUUID() })] }),
    expected: ["debit_account_not_found"],
  },
  {
    code: "credit_account_not_found",
    when: "the credit account does not exist",
    transfers: () => ({
      transfers: [spend(1n, { creditAccountId: randomUUID() })],
      parts: funded(100n),
    }),
    expected: ["credit_account_not_found"],
  },
  {
    code: "asset_mismatch",
    when: "the request's asset or the credit account's asset differs from the debit's",
    transfers: () => ({
      transfers: [spend(1n, { asset: "DIAMOND" }), spend(1n, { creditAccountId: CLEARING.id })],
      parts: funded(100n),
    }),
    expected: ["asset_mismatch", "asset_mismatch"],
  },
  {
    code: "exceeds_credits",
    when: "a user account would spend more than it was credited",
    transfers: () => ({ transfers: [spend(11n)], parts: funded(10n) }),
    expected: ["exceeds_credits"],
  },
  {
    code: "exceeds_credits",
    when: "a reservation would pass what is left after other reservations",
    transfers: () => ({
      transfers: [
        {
          id: randomUUID(),
          debitAccountId: AVAILABLE.id,
          creditAccountId: CLEARING.id,
          asset: "DIAMOND",
          amount: 61n,
          code: "payout",
          phase: "pending",
        },
      ],
      parts: { lockedTotals: withdrawalTotals },
    }),
    locked: LOCK_AVAILABLE,
    expected: ["exceeds_credits"],
  },
  {
    code: "pending_id_required",
    when: "a post names no pending transfer",
    transfers: () => ({ transfers: [{ id: randomUUID(), phase: "post_pending", code: "payout" }] }),
    expected: ["pending_id_required"],
  },
  {
    code: "pending_id_must_be_absent",
    when: "a single transfer names a pending transfer",
    transfers: () => ({
      transfers: [spend(1n, { pendingId: randomUUID() })],
      parts: funded(100n),
    }),
    expected: ["pending_id_must_be_absent"],
  },
  {
    code: "timeout_reserved_for_pending",
    when: "a single transfer or a post has a timeout, or a pending one a bad timeout",
    transfers: () => {
      const pending = withdrawal();
      const reserve = (timeoutSeconds: number): TransferRequest =>
        spend(1n, { phase: "pending", timeoutSeconds });
      return {
        transfers: [
          spend(1n, { timeoutSeconds: 60 }),
          resolve(pending, "post_pending", { timeoutSeconds: 60 }),
          reserve(0),
          reserve(1.5),
        ],
        parts: { ...funded(100n), existing: [pending] },
      };
    },
    expected: [
      "timeout_reserved_for_pending",
      "timeout_reserved_for_pending",
      "timeout_reserved_for_pending",
      "timeout_reserved_for_pending",
    ],
  },
  {
    code: "pending_transfer_not_found",
    when: "the pending transfer does not exist",
    transfers: () => onePending((p) => resolve({ ...p, id: randomUUID() }, "post_pending")),
    locked: LOCK_AVAILABLE,
    expected: ["pending_transfer_not_found"],
  },
  {
    code: "pending_transfer_not_pending",
    when: "the transfer named is a single transfer",
    transfers: () => onePending((p) => resolve(p, "void_pending"), stored()),
    expected: ["pending_transfer_not_pending"],
  },
  {
    code: "pending_transfer_has_different_fields",
    when: "a post names other accounts or a void another amount",
    transfers: () => {
      const pending = withdrawal();
      return {
        transfers: [
          resolve(pending, "post_pending", { debitAccountId: HELD.id }),
          resolve(pending, "void_pending", { amount: 39n }),
        ],
        parts: { lockedTotals: withdrawalTotals, existing: [pending] },
      };
    },
    locked: LOCK_AVAILABLE,
    expected: ["pending_transfer_has_different_fields", "pending_transfer_has_different_fields"],
  },
  {
    code: "pending_transfer_already_posted",
    when: "the pending transfer was posted before",
    transfers: () => {
      const pending = withdrawal();
      return onePending((p) => resolve(p, "void_pending"), pending, {
        resolutions: { [pending.id]: "post_pending" },
      });
    },
    locked: LOCK_AVAILABLE,
    expected: ["pending_transfer_already_posted"],
  },
  {
    code: "pending_transfer_already_voided",
    when: "the pending transfer was voided before",
    transfers: () => {
      const pending = withdrawal();
      return onePending((p) => resolve(p, "post_pending"), pending, {
        resolutions: { [pending.id]: "void_pending" },
      });
    },
    locked: LOCK_AVAILABLE,
    expected: ["pending_transfer_already_voided"],
  },
  {
    code: "pending_transfer_expired",
    when: "a post comes at or after the pending transfer's timeout",
    transfers: () => onePending((p) => resolve(p, "post_pending"), withdrawal({ timeoutAt: NOW })),
    locked: LOCK_AVAILABLE,
    expected: ["pending_transfer_expired"],
  },
  {
    code: "exceeds_pending_transfer_amount",
    when: "a post asks for more than was reserved",
    transfers: () => onePending((p) => resolve(p, "post_pending", { amount: 41n })),
    locked: LOCK_AVAILABLE,
    expected: ["exceeds_pending_transfer_amount"],
  },
];

describe("planBatch", () => {
  it.each(CASES)("returns $code when $when", ({ transfers, locked, expected }) => {
    const { transfers: requests, parts } = transfers();
    const plan = planBatch([requests], snapshot(parts), locked ?? LOCK_WALLET);
    expect(codes(plan)).toEqual([expected]);
    const applied = expected.filter((code) => code === "ok").length;
    expect(plan.inserts).toHaveLength(applied);
    if (applied === 0) {
      expect(plan.rowDeltas.size + plan.slotDeltas.size).toBe(0);
    }
  });

  it("voids a pending transfer when its timeout has passed", () => {
    const pending = withdrawal({ timeoutAt: new Date(NOW.getTime() - 1) });
    const plan = planBatch(
      [[resolve(pending, "void_pending")]],
      snapshot({ lockedTotals: withdrawalTotals, existing: [pending] }),
      LOCK_AVAILABLE,
    );
    expect(codes(plan)).toEqual([["ok"]]);
    expect(plan.rowDeltas.get(AVAILABLE.id)).toEqual(totals({ debitsPending: -40n }));
    expect(plan.slotDeltas.get(CLEARING.id)).toEqual(totals({ creditsPending: -40n }));
  });

  it("posts part of a reservation and releases all of it when the post has a smaller amount", () => {
    const pending = withdrawal();
    const post = resolve(pending, "post_pending", { amount: 25n });
    const plan = planBatch(
      [[post]],
      snapshot({ lockedTotals: withdrawalTotals, existing: [pending] }),
      LOCK_AVAILABLE,
    );
    expect(codes(plan)).toEqual([["ok"]]);
    expect(plan.inserts).toEqual([
      expect.objectContaining({
        id: post.id,
        debitAccountId: AVAILABLE.id,
        creditAccountId: CLEARING.id,
        asset: "DIAMOND",
        amount: 25n,
        phase: "post_pending",
        pendingId: pending.id,
      }),
    ]);
    expect(plan.rowDeltas.get(AVAILABLE.id)).toEqual(
      totals({ debitsPosted: 25n, debitsPending: -40n }),
    );
    expect(plan.slotDeltas.get(CLEARING.id)).toEqual(
      totals({ creditsPosted: 25n, creditsPending: -40n }),
    );
  });

  it("returns exists for a retried post when it omits the amount it defaulted to", () => {
    const pending = withdrawal();
    const post = resolve(pending, "post_pending");
    const storedPost = stored({
      id: post.id,
      debitAccountId: AVAILABLE.id,
      creditAccountId: CLEARING.id,
      asset: "DIAMOND",
      amount: 40n,
      code: "payout",
      phase: "post_pending",
      pendingId: pending.id,
    });
    const plan = planBatch(
      [[post], [{ ...post, amount: 39n }]],
      snapshot({
        existing: [pending, storedPost],
        resolutions: { [pending.id]: "post_pending" },
      }),
      LOCK_AVAILABLE,
    );
    expect(codes(plan)).toEqual([["exists"], ["exists_with_different_fields"]]);
    expect(plan.inserts).toEqual([]);
  });

  describe("routing of deltas", () => {
    it("writes a hot unlocked account to its slot and a locked one to its row when a wallet spends", () => {
      const plan = planBatch([[spend(7n)]], snapshot(funded(10n)), LOCK_WALLET);
      expect(plan.rowDeltas).toEqual(new Map([[WALLET.id, totals({ debitsPosted: 7n })]]));
      expect(plan.slotDeltas).toEqual(new Map([[REVENUE.id, totals({ creditsPosted: 7n })]]));
    });

    it("writes a cold account to its row when it is not locked", () => {
      const plan = planBatch([[mint(5n)]], snapshot(), new Set());
      expect(plan.rowDeltas).toEqual(new Map([[WALLET.id, totals({ creditsPosted: 5n })]]));
      expect(plan.slotDeltas).toEqual(new Map([[COIN_ISSUANCE.id, totals({ debitsPosted: 5n })]]));
    });

    it("writes a hot account to its row when it is locked for a debit", () => {
      const release: TransferRequest = {
        id: randomUUID(),
        debitAccountId: HELD.id,
        creditAccountId: AVAILABLE.id,
        asset: "DIAMOND",
        amount: 30n,
        code: "release",
      };
      const plan = planBatch(
        [[release]],
        snapshot({ lockedTotals: { [HELD.id]: totals({ creditsPosted: 30n }) } }),
        new Set([HELD.id, AVAILABLE.id]),
      );
      expect(codes(plan)).toEqual([["ok"]]);
      expect(plan.rowDeltas).toEqual(
        new Map([
          [HELD.id, totals({ debitsPosted: 30n })],
          [AVAILABLE.id, totals({ creditsPosted: 30n })],
        ]),
      );
      expect(plan.slotDeltas.size).toBe(0);
    });

    it("sums the deltas of an account when several transfers of a batch touch it", () => {
      const plan = planBatch(
        [[spend(3n)], [spend(4n, { phase: "pending" })]],
        snapshot(funded(10n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["ok"], ["ok"]]);
      expect(plan.rowDeltas.get(WALLET.id)).toEqual(
        totals({ debitsPosted: 3n, debitsPending: 4n }),
      );
      expect(plan.slotDeltas.get(REVENUE.id)).toEqual(
        totals({ creditsPosted: 3n, creditsPending: 4n }),
      );
    });
  });

  describe("sequencing within a batch", () => {
    it("lets a later debit spend an earlier credit when both are in one submission", () => {
      const plan = planBatch([[mint(50n), spend(50n)]], snapshot(funded(0n)), LOCK_WALLET);
      expect(codes(plan)).toEqual([["ok", "ok"]]);
      expect(plan.rowDeltas.get(WALLET.id)).toEqual(
        totals({ creditsPosted: 50n, debitsPosted: 50n }),
      );
    });

    it("lets a later submission spend a credit of an earlier one when they share a batch", () => {
      const plan = planBatch(
        [[mint(50n)], [spend(30n)], [spend(30n)]],
        snapshot(funded(0n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["ok"], ["ok"], ["exceeds_credits"]]);
    });

    it("counts an earlier reservation against a later debit when they share a batch", () => {
      const plan = planBatch(
        [[spend(60n, { phase: "pending" }), spend(41n)]],
        snapshot(funded(100n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["ok", "exceeds_credits"]]);
    });

    it("applies nothing of a failed linked group when a later transfer checks the balance", () => {
      const plan = planBatch(
        [[mint(100n, { linkedGroup: "g" }), spend(0n, { linkedGroup: "g" }), spend(20n)]],
        snapshot(funded(10n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([
        ["linked_event_failed", "amount_must_be_positive", "exceeds_credits"],
      ]);
      expect(plan.inserts).toEqual([]);
      expect(plan.rowDeltas.size + plan.slotDeltas.size).toBe(0);
    });

    it("sees the first transfer's funds when a linked group spends them", () => {
      const plan = planBatch(
        [[mint(20n, { linkedGroup: "g" }), spend(20n, { linkedGroup: "g" })]],
        snapshot(funded(0n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["ok", "ok"]]);
    });

    it("returns exists for a duplicate id later in the batch when it repeats the request", () => {
      const first = spend(5n);
      const plan = planBatch(
        [[first], [first], [{ ...first, amount: 6n }]],
        snapshot(funded(100n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["ok"], ["exists"], ["exists_with_different_fields"]]);
      expect(plan.results[1]).toEqual([{ id: first.id, result: "exists", transferId: first.id }]);
      expect(plan.inserts.map((row) => row.id)).toEqual([first.id]);
      expect(plan.rowDeltas.get(WALLET.id)).toEqual(totals({ debitsPosted: 5n }));
    });

    it("resolves a pending transfer created earlier in the batch, once", () => {
      const reserve = spend(30n, { phase: "pending" });
      const post: TransferRequest = {
        id: randomUUID(),
        phase: "post_pending",
        pendingId: reserve.id,
        code: "tip",
      };
      const plan = planBatch(
        [[reserve], [post], [{ ...post, id: randomUUID(), phase: "void_pending" }]],
        snapshot(funded(100n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["ok"], ["ok"], ["pending_transfer_already_posted"]]);
      expect(plan.rowDeltas.get(WALLET.id)).toEqual(totals({ debitsPosted: 30n }));
      expect(plan.slotDeltas.get(REVENUE.id)).toEqual(totals({ creditsPosted: 30n }));
    });

    it("posts a pending transfer created earlier in the same linked group", () => {
      const reserve = spend(30n, { phase: "pending", linkedGroup: "g" });
      const post: TransferRequest = {
        id: randomUUID(),
        phase: "post_pending",
        pendingId: reserve.id,
        code: "tip",
        linkedGroup: "g",
      };
      const plan = planBatch([[reserve, post]], snapshot(funded(100n)), LOCK_WALLET);
      expect(codes(plan)).toEqual([["ok", "ok"]]);
      expect(plan.rowDeltas.get(WALLET.id)).toEqual(totals({ debitsPosted: 30n }));
    });

    it("refuses a second resolution of one pending transfer when both are in one linked group", () => {
      const pending = withdrawal();
      const plan = planBatch(
        [
          [
            resolve(pending, "post_pending", { linkedGroup: "g" }),
            resolve(pending, "void_pending", { linkedGroup: "g" }),
          ],
        ],
        snapshot({ lockedTotals: withdrawalTotals, existing: [pending] }),
        LOCK_AVAILABLE,
      );
      expect(codes(plan)).toEqual([["linked_event_failed", "pending_transfer_already_posted"]]);
      expect(plan.inserts).toEqual([]);
    });
  });

  describe("failures remembered", () => {
    it("remembers new ids that fail when the failure is the transfer's own or its group's", () => {
      const over = spend(11n);
      const groupOk = spend(1n, { linkedGroup: "g" });
      const groupBad = spend(0n, { linkedGroup: "g" });
      const plan = planBatch([[over], [groupOk, groupBad]], snapshot(funded(10n)), LOCK_WALLET);
      expect(plan.failures).toEqual([
        { id: over.id, result: "exceeds_credits" },
        { id: groupOk.id, result: "linked_event_failed" },
        { id: groupBad.id, result: "amount_must_be_positive" },
      ]);
    });

    it("makes a failed id fail again when it comes back later in the same batch", () => {
      const request = spend(11n);
      const plan = planBatch(
        [[request], [mint(100n)], [request]],
        snapshot(funded(10n)),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["exceeds_credits"], ["ok"], ["id_already_failed"]]);
      expect(plan.failures).toEqual([{ id: request.id, result: "exceeds_credits" }]);
    });

    it("remembers nothing when the failure is a different retry, a bad id or an id already failed", () => {
      const storedOne = stored();
      const failedId = randomUUID();
      const plan = planBatch(
        [
          [spend(99n, { id: storedOne.id })],
          [spend(1n, { id: "nope" })],
          [spend(1n, { id: failedId })],
        ],
        snapshot({
          ...funded(100n),
          existing: [storedOne],
          failed: { [failedId]: "exceeds_credits" },
        }),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([
        ["exists_with_different_fields"],
        ["id_must_be_uuid"],
        ["id_already_failed"],
      ]);
      expect(plan.failures).toEqual([]);
    });

    it("does not remember a stored id when its linked group fails", () => {
      const storedOne = stored({ linkedGroup: "g" });
      const again = spend(10n, { id: storedOne.id, linkedGroup: "g" });
      const bad = spend(0n, { linkedGroup: "g" });
      const plan = planBatch(
        [[again, bad]],
        snapshot({ ...funded(100n), existing: [storedOne] }),
        LOCK_WALLET,
      );
      expect(codes(plan)).toEqual([["linked_event_failed", "amount_must_be_positive"]]);
      expect(plan.failures).toEqual([{ id: bad.id, result: "amount_must_be_positive" }]);
    });
  });
});

describe("accountsToLock", () => {
  const accounts = new Map(ALL_ACCOUNTS.map((account) => [account.id, account]));
  const release = (amount: bigint): TransferRequest => ({
    id: randomUUID(),
    debitAccountId: HELD.id,
    creditAccountId: AVAILABLE.id,
    asset: "DIAMOND",
    amount,
    code: "release",
  });

  it("locks cold accounts on either side and hot user accounts only when debited", () => {
    const toHeld: TransferRequest = {
      id: randomUUID(),
      debitAccountId: DIAMOND_ISSUANCE.id,
      creditAccountId: HELD.id,
      code: "gift_diamonds",
    };
    expect(accountsToLock([[mint(1n), toHeld]], accounts, new Map())).toEqual([WALLET.id]);
    expect(accountsToLock([[release(1n)]], accounts, new Map())).toEqual(
      [HELD.id, AVAILABLE.id].sort(),
    );
  });

  it("returns each account once, sorted by id, when many submissions touch them", () => {
    const result = accountsToLock(
      [[spend(1n), release(1n)], [spend(2n, { creditAccountId: OTHER_WALLET.id })], [spend(3n)]],
      accounts,
      new Map(),
    );
    expect(result).toEqual([WALLET.id, OTHER_WALLET.id, HELD.id, AVAILABLE.id].sort());
  });

  it("locks a pending transfer's accounts when a post or void names only its id", () => {
    const stored = withdrawal();
    const inBatch = spend(5n, { phase: "pending", debitAccountId: OTHER_WALLET.id });
    const result = accountsToLock(
      [
        [inBatch],
        [resolve(stored, "post_pending")],
        [{ id: randomUUID(), phase: "void_pending", pendingId: inBatch.id, code: "tip" }],
      ],
      accounts,
      new Map([[stored.id, stored]]),
    );
    expect(result).toEqual([AVAILABLE.id, OTHER_WALLET.id].sort());
  });

  it("ignores accounts it does not know when a transfer names them", () => {
    expect(
      accountsToLock(
        [[spend(1n, { debitAccountId: randomUUID(), creditAccountId: randomUUID() })]],
        accounts,
        new Map(),
      ),
    ).toEqual([]);
  });
});
