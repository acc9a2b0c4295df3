import { randomUUID } from "node:crypto";
import { transferIdFor } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import {
  type PayoutLookup,
  type PayoutOutcome,
  type PayoutProvider,
  type PayoutRequest,
  SandboxPayoutProvider,
} from "../../payments/payout-provider.ts";
import { creatorWithAvailable as creatorWithDiamonds } from "../../test-support/creator-with-diamonds.ts";
import { createPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";
import {
  getWithdrawal,
  processPendingWithdrawals,
  reconcileStuckWithdrawals,
  reservationIdFor,
  STUCK_CLAIM_MS,
  settleWithdrawal,
} from "./withdrawals.ts";

const env = useTestLedger();
const _DAY = 86_400_000;
const callerFor = (who: Viewer) => env.callerFor(who);

const creatorWithAvailable = (
  diamonds: number,
  options?: Parameters<typeof creatorWithDiamonds>[2],
) => creatorWithDiamonds({ sql: env.db.sql, ledger: env.ledger, callerFor }, diamonds, options);

/**
 * A provider that pays like a bank would, remembers what it paid for `lookup`, and can be told
 * to crash after paying (the worker never hears back) or before (the request never arrived).
 */
function recordingProvider(
  behaviour: { crash?: "after_paying" | "before_paying"; refuse?: string } = {},
) {
  const paid = new Map<string, PayoutRequest>();
  const calls = { pay: 0, lookup: 0 };
  const provider: PayoutProvider = {
    name: "sandbox",
    async pay(request): Promise<PayoutOutcome> {
      calls.pay++;
      if (behaviour.crash === "before_paying") throw new Error("connection reset");
      if (behaviour.refuse) return { ok: false, reason: behaviour.refuse };
      paid.set(request.withdrawalId, request);
      if (behaviour.crash === "after_paying") throw new Error("socket hang up");
      return { ok: true, providerRef: `tr_${request.withdrawalId.slice(0, 8)}` };
    },
    async lookup({ withdrawalId }): Promise<PayoutLookup> {
      calls.lookup++;
      return paid.has(withdrawalId)
        ? { state: "paid", providerRef: `tr_${withdrawalId.slice(0, 8)}` }
        : { state: "not_found" };
    },
  };
  return { provider, paid, calls };
}

const stored = async (withdrawalId: string) => {
  const [row] = await env.db.sql<
    {
      status: string;
      provider_ref: string | null;
      failure_reason: string | null;
      flag_reason: string | null;
    }[]
  >`select status, provider_ref, failure_reason, flag_reason from withdrawals where id = ${withdrawalId}`;
  return row;
};
const resolutionsOf = async (withdrawalId: string) =>
  env.db.sql<{ phase: string }[]>`
    select phase from ledger_transfers where pending_id = ${reservationIdFor(withdrawalId)}`;
const afterStuckClaim = () => new Date(Date.now() + STUCK_CLAIM_MS + 60_000);

describe("requestWithdrawal and processPendingWithdrawals", () => {
  it("reserves the diamonds, pays through the provider and posts the reservation exactly once", async () => {
    const { creator, balance } = await creatorWithAvailable(5_000);
    const key = randomUUID();
    const requested = await callerFor(creator).creator.withdraw({
      idempotencyKey: key,
      diamonds: 3_000,
    });
    expect(requested).toMatchObject({ status: "pending", diamonds: 3_000, netUsdMinor: 3_000 });
    expect(
      await callerFor(creator).creator.withdraw({ idempotencyKey: key, diamonds: 3_000 }),
    ).toMatchObject({
      withdrawalId: requested.withdrawalId,
    });
    expect(await balance()).toMatchObject({ available: 2_000n, debitsPending: 3_000n });

    const { provider, calls, paid } = recordingProvider();
    await Promise.all([
      processPendingWithdrawals(env.db.sql, env.ledger, provider),
      processPendingWithdrawals(env.db.sql, env.ledger, provider),
    ]);
    expect(calls.pay).toBe(1);
    expect(paid.get(requested.withdrawalId)).toMatchObject({
      amountUsdMinor: 3_000,
      method: "bank",
      label: "Checking ••42",
      destination: null,
    });
    expect(await balance()).toMatchObject({
      available: 2_000n,
      debitsPending: 0n,
      debitsPosted: 3_000n,
    });
    expect((await callerFor(creator).creator.withdrawals())[0]).toMatchObject({ status: "paid" });
    expect(await stored(requested.withdrawalId)).toMatchObject({
      provider_ref: `tr_${requested.withdrawalId.slice(0, 8)}`,
    });
  });

  it("voids the reservation and returns the diamonds when the provider declines", async () => {
    const { creator, balance } = await creatorWithAvailable(2_000, { payoutLabel: "decline me" });
    await callerFor(creator).creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_500 });
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());
    expect(await balance()).toMatchObject({
      available: 2_000n,
      debitsPending: 0n,
      debitsPosted: 0n,
    });
    expect((await callerFor(creator).creator.withdrawals())[0]).toMatchObject({
      status: "failed",
      failureReason: "The sandbox bank declined this account.",
    });
  });

  it.each([
    ["below the minimum", 999, /start at 1,000 diamonds/],
    ["above what is available", 4_001, /4,000 diamonds available/],
  ])(
    "refuses a withdrawal %s with FORBIDDEN and reserves nothing",
    async (_label, diamonds, message) => {
      const { creator, balance } = await creatorWithAvailable(4_000);
      await expect(
        callerFor(creator).creator.withdraw({ idempotencyKey: randomUUID(), diamonds }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(message) });
      expect(await balance()).toMatchObject({ available: 4_000n, debitsPending: 0n });
      expect(await callerFor(creator).creator.withdrawals()).toEqual([]);
    },
  );

  it("refuses a creator without a payout method or with a week-old account", async () => {
    const newcomer = await createPerson(env.db.sql, { createdAt: new Date() });
    await callerFor(newcomer).creator.register({ handle: `n${randomUUID().slice(0, 8)}` });
    const error = await callerFor(newcomer)
      .creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(JSON.stringify((error as { cause?: { details?: unknown } }).cause?.details)).toMatch(
      /ACCOUNT_TOO_NEW.*NO_PAYOUT_METHOD/,
    );
  });

  it("holds a withdrawal mostly funded by one supporter for review, and the payout job skips it", async () => {
    const { creator, balance } = await creatorWithAvailable(12_000);
    const requested = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 10_000,
    });
    expect(requested).toMatchObject({ status: "review", diamonds: 10_000 });
    expect((await stored(requested.withdrawalId))?.flag_reason).toMatch(/^ONE_SUPPORTER: /);

    const { provider, calls } = recordingProvider();
    expect(await processPendingWithdrawals(env.db.sql, env.ledger, provider)).toBe(0);
    expect(calls.pay).toBe(0);
    expect(await balance()).toMatchObject({ available: 2_000n, debitsPending: 10_000n });
    expect(await callerFor(creator).creator.withdrawals()).toMatchObject([
      { withdrawalId: requested.withdrawalId, status: "review", failureReason: null },
    ]);
  });

  it("does not flag the same amount when several supporters funded it", async () => {
    const { creator } = await creatorWithAvailable(12_000, { fans: 4 });
    expect(
      await callerFor(creator).creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 10_000 }),
    ).toMatchObject({ status: "pending" });
  });

  it("takes a Stripe method only with a connected account id, and pays that account", async () => {
    const { creator } = await creatorWithAvailable(2_000);
    const me = callerFor(creator).creator;
    for (const stripeAccountId of [undefined, "acct_", "acct_12 34", "ba_1Nv0FGQ9RKHgCVdK"]) {
      await expect(
        me.setPayoutMethod({ method: "stripe", label: "Stripe", stripeAccountId } as never),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    const [unchanged] = await env.db.sql<{ method: string; provider_account: string | null }[]>`
      select method, provider_account from payout_methods where user_id = ${creator.userId}`;
    expect(unchanged).toEqual({ method: "bank", provider_account: null });
    await callerFor(creator).creator.setPayoutMethod({
      method: "stripe",
      label: "Stripe",
      stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK",
    });
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 1_000,
    });
    const { provider, paid } = recordingProvider();
    await processPendingWithdrawals(env.db.sql, env.ledger, provider);
    expect(paid.get(withdrawalId)).toMatchObject({
      method: "stripe",
      destination: "acct_1Nv0FGQ9RKHgCVdK",
      amountUsdMinor: 1_000,
    });
  });

  it("fails without paying a withdrawal whose payout method changed after it was requested", async () => {
    const { creator, balance } = await creatorWithAvailable(2_000);
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 1_000,
    });
    await callerFor(creator).creator.setPayoutMethod({ method: "paypal", label: "me@paypal" });
    const { provider, calls } = recordingProvider();
    await processPendingWithdrawals(env.db.sql, env.ledger, provider);
    expect(calls.pay).toBe(0);
    expect(await stored(withdrawalId)).toMatchObject({
      status: "failed",
      failure_reason: expect.stringMatching(/payout method changed/),
    });
    expect(await balance()).toMatchObject({ available: 2_000n, debitsPending: 0n });
  });

  it("leaves a frozen creator's pending withdrawal waiting until the account is unfrozen", async () => {
    const { creator } = await creatorWithAvailable(2_000);
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 1_000,
    });
    await env.db
      .sql`update users set frozen_at = now(), frozen_reason = 'review' where id = ${creator.userId}`;
    const { provider, calls } = recordingProvider();
    await processPendingWithdrawals(env.db.sql, env.ledger, provider);
    expect(calls.pay).toBe(0);
    expect((await stored(withdrawalId))?.status).toBe("pending");

    await env.db
      .sql`update users set frozen_at = null, frozen_reason = null where id = ${creator.userId}`;
    await processPendingWithdrawals(env.db.sql, env.ledger, provider);
    expect((await stored(withdrawalId))?.status).toBe("paid");
  });
});

describe("reconcileStuckWithdrawals", () => {
  it("posts a payout that succeeded at the provider although its worker crashed before posting", async () => {
    const { creator, balance } = await creatorWithAvailable(3_000);
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 2_000,
    });
    const { provider, calls } = recordingProvider({ crash: "after_paying" });
    await processPendingWithdrawals(env.db.sql, env.ledger, provider);
    expect(await stored(withdrawalId)).toMatchObject({ status: "processing", provider_ref: null });
    expect(await balance()).toMatchObject({ debitsPending: 2_000n, debitsPosted: 0n });

    // A fresh claim is the worker's: reconciliation leaves it alone.
    expect(await reconcileStuckWithdrawals(env.db.sql, env.ledger, provider, new Date())).toBe(0);
    expect(calls.lookup).toBe(0);

    await reconcileStuckWithdrawals(env.db.sql, env.ledger, provider, afterStuckClaim());
    expect(calls).toEqual({ pay: 1, lookup: 1 });
    expect(await stored(withdrawalId)).toMatchObject({
      status: "paid",
      provider_ref: `tr_${withdrawalId.slice(0, 8)}`,
    });
    expect(await balance()).toMatchObject({
      available: 1_000n,
      debitsPending: 0n,
      debitsPosted: 2_000n,
    });
    expect(await resolutionsOf(withdrawalId)).toEqual([{ phase: "post_pending" }]);
  });

  it("voids a payout the provider never received, once, even with two reconcilers racing", async () => {
    const { creator, balance } = await creatorWithAvailable(3_000);
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 2_000,
    });
    const { provider, calls } = recordingProvider({ crash: "before_paying" });
    await processPendingWithdrawals(env.db.sql, env.ledger, provider);
    expect((await stored(withdrawalId))?.status).toBe("processing");

    const later = afterStuckClaim();
    await Promise.all([
      reconcileStuckWithdrawals(env.db.sql, env.ledger, provider, later),
      reconcileStuckWithdrawals(env.db.sql, env.ledger, provider, later),
    ]);
    expect(calls.lookup).toBe(1);
    expect(await stored(withdrawalId)).toMatchObject({
      status: "failed",
      failure_reason: expect.stringMatching(/never received/),
    });
    expect(await balance()).toMatchObject({
      available: 3_000n,
      debitsPending: 0n,
      debitsPosted: 0n,
    });
    expect(await resolutionsOf(withdrawalId)).toEqual([{ phase: "void_pending" }]);
  });

  it("voids and restores exactly once when the failure is reported twice", async () => {
    const { creator, balance } = await creatorWithAvailable(3_000);
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 2_000,
    });
    await processPendingWithdrawals(
      env.db.sql,
      env.ledger,
      recordingProvider({ crash: "before_paying" }).provider,
    );
    const failure = { ok: false, reason: "The bank returned the payout." } as const;
    const statuses = await Promise.all([
      settleWithdrawal(env.db.sql, env.ledger, withdrawalId, failure),
      settleWithdrawal(env.db.sql, env.ledger, withdrawalId, failure),
    ]);
    expect(statuses).toEqual(["failed", "failed"]);
    // A late third report, and a success report after the failure, change nothing.
    await settleWithdrawal(env.db.sql, env.ledger, withdrawalId, failure);
    await settleWithdrawal(env.db.sql, env.ledger, withdrawalId, { ok: true, providerRef: null });

    expect(await balance()).toMatchObject({
      available: 3_000n,
      debitsPending: 0n,
      debitsPosted: 0n,
    });
    expect(await resolutionsOf(withdrawalId)).toEqual([{ phase: "void_pending" }]);
    const [voids] = await env.db.sql<{ n: bigint }[]>`
      select count(*) as n from ledger_transfers where id = ${transferIdFor(withdrawalId, "void_pending")}`;
    expect(voids?.n).toBe(1n);
    expect(await stored(withdrawalId)).toMatchObject({
      status: "failed",
      failure_reason: "The bank returned the payout.",
    });
  });

  it("asks again later when the provider cannot answer now", async () => {
    const { creator } = await creatorWithAvailable(2_000);
    const { withdrawalId } = await callerFor(creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 1_000,
    });
    await processPendingWithdrawals(
      env.db.sql,
      env.ledger,
      recordingProvider({ crash: "before_paying" }).provider,
    );
    const unreachable: PayoutProvider = {
      name: "sandbox",
      pay: async () => {
        throw new Error("unreachable");
      },
      lookup: async () => {
        throw new Error("unreachable");
      },
    };
    await reconcileStuckWithdrawals(env.db.sql, env.ledger, unreachable, afterStuckClaim());
    expect((await stored(withdrawalId))?.status).toBe("processing");
    expect(await resolutionsOf(withdrawalId)).toEqual([]);
    // Settle it so the file's ledger check sees no reservation left dangling by design.
    await reconcileStuckWithdrawals(
      env.db.sql,
      env.ledger,
      recordingProvider().provider,
      new Date(afterStuckClaim().getTime() + STUCK_CLAIM_MS),
    );
    expect((await stored(withdrawalId))?.status).toBe("failed");
  });
});

describe("listWithdrawals", () => {
  it("returns in one query exactly the rows reading each withdrawal by id returns, newest first", async () => {
    const { creator } = await creatorWithAvailable(6_000);
    const other = await creatorWithAvailable(2_000);
    for (const diamonds of [1_000, 1_500, 2_000]) {
      await callerFor(creator).creator.withdraw({ idempotencyKey: randomUUID(), diamonds });
    }
    await callerFor(other.creator).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 1_000,
    });
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());

    const listed = await callerFor(creator).creator.withdrawals();
    const ids = await env.db.sql<{ id: string }[]>`
      select id from withdrawals where user_id = ${creator.userId} order by created_at desc, id desc`;
    expect(listed).toEqual(
      await Promise.all(ids.map((row) => getWithdrawal(env.db.sql, creator.userId, row.id))),
    );
    expect(listed.map((w) => w.diamonds)).toEqual([2_000, 1_500, 1_000]);
    expect(listed.every((w) => w.status === "paid")).toBe(true);
  });
});
