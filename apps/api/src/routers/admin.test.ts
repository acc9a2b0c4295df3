import { randomUUID } from "node:crypto";
import { RATE_CARD, RATE_CARDS, type RateCard } from "@coinstream/core";
import { transferIdFor } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import type { AuthSession } from "../auth/auth-routes.ts";
import { viewerFromSession } from "../auth/viewer-from-session.ts";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import { SandboxPayoutProvider } from "../payments/payout-provider.ts";
import { processPendingWithdrawals } from "../services/payouts/withdrawals.ts";
import { getActiveRateCard } from "../services/rate-card/get-active-rate-card.ts";
import type { Viewer } from "../services/service-context.ts";
import { creatorWithAvailable as creatorWithDiamonds } from "../test-support/creator-with-diamonds.ts";
import {
  createAdmin,
  createCreator,
  createFundedPerson,
  createPerson,
  fundWallet,
} from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();
const _DAY = 86_400_000;
const checkouts: string[] = [];
const payments: PaymentProvider = {
  name: "sandbox",
  async createCheckout(request) {
    checkouts.push(request.purchaseId);
    return { sessionId: `cs_${request.purchaseId}`, url: "http://checkout.test" };
  },
  async startAgeCheck(request) {
    return { sessionId: `cs_age_${request.ageCheckId}`, url: "http://checkout.test" };
  },
};
const callerFor = (who: Viewer | null) => env.callerFor(who, { payments: { provider: payments } });

/** The payout method a creator's status shows (null for a non-creator). */
const payoutMethodOf = (status: { isCreator: boolean }) =>
  "payoutMethod" in status ? status.payoutMethod : null;

/** A creator (30-day-old account) with `diamonds` available, all from one fan: 10,000+ is flagged. */
const creatorWithAvailable = (diamonds: number) =>
  creatorWithDiamonds({ sql: env.db.sql, ledger: env.ledger, callerFor }, diamonds);

/** A withdrawal the fraud rules hold for review (one supporter, over $100). */
async function flaggedWithdrawal() {
  const setup = await creatorWithAvailable(12_000);
  const withdrawal = await callerFor(setup.creator).creator.withdraw({
    idempotencyKey: randomUUID(),
    diamonds: 10_000,
  });
  expect(withdrawal.status).toBe("review");
  return { ...setup, withdrawalId: withdrawal.withdrawalId };
}

const count = async (table: "admin_audit" | "rate_card_activations" | "ledger_transfers") => {
  const [row] = await env.db.sql<{ n: bigint }[]>`select count(*) as n from ${env.db.sql(table)}`;
  return row?.n ?? 0n;
};
const frozenAt = async (userId: string) =>
  (
    await env.db.sql<{ at: Date | null }[]>`select frozen_at as at from users where id = ${userId}`
  )[0]?.at ?? null;
const withdrawalStatus = async (id: string) =>
  (await env.db.sql<{ status: string }[]>`select status from withdrawals where id = ${id}`)[0]
    ?.status;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const frozenError = (reason: string) => ({
  code: "FORBIDDEN",
  message: `Your account is frozen: ${reason}. To ask why or appeal, open a support ticket from the wallet (Support).`,
  cause: expect.objectContaining({ code: "ACCOUNT_FROZEN" }),
});

describe("adminProcedure", () => {
  it("refuses every admin procedure to anyone but an admin, changing nothing and auditing nothing", async () => {
    const target = await createPerson(env.db.sql);
    const alreadyFrozen = await createPerson(env.db.sql);
    await env.db
      .sql`update users set frozen_at = now(), frozen_reason = 'x' where id = ${alreadyFrozen.userId}`;
    const { withdrawalId } = await flaggedWithdrawal();
    const frozenAdmin = await createAdmin(env.db.sql);
    await env.db
      .sql`update users set frozen_at = now(), frozen_reason = 'x' where id = ${frozenAdmin.userId}`;
    const callers: [string, Viewer | null, string][] = [
      ["a signed-in viewer", await createPerson(env.db.sql), "FORBIDDEN"],
      // The role comes from the database on every call, not from what the session object claims.
      [
        "a viewer whose session claims admin",
        { ...(await createPerson(env.db.sql)), role: "admin" },
        "FORBIDDEN",
      ],
      ["a frozen admin", frozenAdmin, "FORBIDDEN"],
      ["an anonymous caller", null, "UNAUTHORIZED"],
    ];
    const before = {
      audit: await count("admin_audit"),
      activations: await count("rate_card_activations"),
      transfers: await count("ledger_transfers"),
    };

    for (const [_who, caller, code] of callers) {
      const admin = callerFor(caller).admin;
      const attempts: (() => Promise<unknown>)[] = [
        () => admin.freeze({ userId: target.userId, reason: "suspected fraud" }),
        () => admin.unfreeze({ userId: alreadyFrozen.userId }),
        () => admin.flaggedWithdrawals(),
        () => admin.approveWithdrawal({ id: withdrawalId }),
        () => admin.rejectWithdrawal({ id: withdrawalId, reason: "suspected fraud" }),
        () => admin.runLedgerCheck(),
        () => admin.publishRateCard({ version: RATE_CARD.version, activeFrom: inAnHour() }),
        () => admin.audit({}),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code });
    }

    expect(await frozenAt(target.userId)).toBeNull();
    expect(await frozenAt(alreadyFrozen.userId)).not.toBeNull();
    expect(await withdrawalStatus(withdrawalId)).toBe("review");
    expect({
      audit: await count("admin_audit"),
      activations: await count("rate_card_activations"),
      transfers: await count("ledger_transfers"),
    }).toEqual(before);
  });

  it("reads role and freeze from the users table for each session", async () => {
    const person = await createAdmin(env.db.sql);
    const session = {
      user: { ...person, id: person.userId, dateOfBirth: person.dateOfBirth },
    } as unknown as AuthSession;
    expect(await viewerFromSession(session, env.db.sql)).toMatchObject({
      userId: person.userId,
      role: "admin",
      frozen: false,
    });
    await env.db
      .sql`update users set role = 'viewer', frozen_at = now() where id = ${person.userId}`;
    expect(await viewerFromSession(session, env.db.sql)).toMatchObject({
      role: "viewer",
      frozen: true,
    });
  });
});

describe("admin.freeze and admin.unfreeze", () => {
  it("refuses a frozen viewer every spend and purchase with ACCOUNT_FROZEN, moving nothing, until unfrozen", async () => {
    const admin = await createAdmin(env.db.sql);
    const viewer = await createPerson(env.db.sql);
    const creator = await createCreator(env.db.sql);
    await fundWallet(env.db.sql, env.ledger, viewer, 10_000n);
    const reason = "Suspected card fraud.";

    expect(await callerFor(admin).admin.freeze({ userId: viewer.userId, reason })).toMatchObject({
      userId: viewer.userId,
      frozen: true,
      reason,
    });
    const transfersBefore = await count("ledger_transfers");
    const me = callerFor(viewer);
    const to = { handle: creator.handle };
    const key = () => randomUUID();
    const refused: [string, () => Promise<unknown>][] = [
      ["gift", () => me.gifts.send({ idempotencyKey: key(), to, giftId: "rose", count: 3 })],
      ["tip", () => me.tips.send({ idempotencyKey: key(), to, coins: 50 })],
      [
        "boost",
        () => me.streams.boost({ idempotencyKey: key(), to: { url: creator.url }, minutes: 5 }),
      ],
      [
        "message",
        () => me.messages.send({ idempotencyKey: key(), to, body: "hi", expectedCoins: 100 }),
      ],
      [
        "cosmetic",
        () => me.profile.buy({ idempotencyKey: key(), itemId: "frame-silver", expectedCoins: 500 }),
      ],
      ["coins", () => me.store.checkout({ idempotencyKey: key(), item: { packId: "coins-500" } })],
    ];
    for (const [what, attempt] of refused) {
      const error = await attempt().catch((e: unknown) => e);
      expect({ what, error }).toMatchObject({ what, error: frozenError("Suspected card fraud") });
    }
    expect(await count("ledger_transfers")).toBe(transfersBefore);
    expect(checkouts).toEqual([]);
    // Reading still works.
    expect((await me.wallet.get()).coins).toBe(10_000);

    expect(await callerFor(admin).admin.unfreeze({ userId: viewer.userId })).toEqual({
      userId: viewer.userId,
      frozen: false,
    });
    await me.tips.send({ idempotencyKey: key(), to, coins: 50 });
    await me.store.checkout({ idempotencyKey: key(), item: { packId: "coins-500" } });
    expect((await me.wallet.get()).coins).toBe(9_950);
    expect(checkouts).toHaveLength(1);
  });

  it("stops a frozen creator withdrawing and receiving gifts, until unfrozen", async () => {
    const admin = await createAdmin(env.db.sql);
    const { creator, handle, balance } = await creatorWithAvailable(3_000);
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    await callerFor(admin).admin.freeze({ userId: creator.userId, reason: "chargeback ring" });

    await expect(
      callerFor(creator).creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_000 }),
    ).rejects.toMatchObject(frozenError("chargeback ring"));
    expect(await balance()).toMatchObject({ available: 3_000n, debitsPending: 0n });
    const resolved = await callerFor(fan).streams.resolve({ handle });
    expect(resolved).toMatchObject({
      found: true,
      creator: {
        canReceive: false,
        reasons: [expect.objectContaining({ code: "ACCOUNT_FROZEN" })],
      },
    });
    await expect(
      callerFor(fan).tips.send({ idempotencyKey: randomUUID(), to: { handle }, coins: 100 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/frozen/) });
    expect((await callerFor(fan).wallet.get()).coins).toBe(1_000);

    await callerFor(admin).admin.unfreeze({ userId: creator.userId });
    await callerFor(fan).tips.send({ idempotencyKey: randomUUID(), to: { handle }, coins: 100 });
    expect(
      await callerFor(creator).creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_000 }),
    ).toMatchObject({ status: "pending" });
  });

  it("refuses freezing oneself, unknown accounts and unfreezing an account that is not frozen", async () => {
    const admin = await createAdmin(env.db.sql);
    const person = await createPerson(env.db.sql);
    const auditBefore = await count("admin_audit");
    await expect(
      callerFor(admin).admin.freeze({ userId: admin.userId, reason: "oops" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(admin).admin.freeze({ userId: "user-nobody", reason: "who?" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(admin).admin.unfreeze({ userId: person.userId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await frozenAt(admin.userId)).toBeNull();
    expect(await count("admin_audit")).toBe(auditBefore);
  });
});

describe("flagged withdrawals", () => {
  it("lists a flagged withdrawal, and once approved the payout job pays it", async () => {
    const admin = await createAdmin(env.db.sql);
    const { creator, withdrawalId, balance } = await flaggedWithdrawal();
    expect(await callerFor(creator).creator.withdrawals()).toMatchObject([
      { withdrawalId, status: "review" },
    ]);
    const flagged = await callerFor(admin).admin.flaggedWithdrawals();
    expect(flagged.find((w) => w.withdrawalId === withdrawalId)).toMatchObject({
      userId: creator.userId,
      diamonds: 10_000,
      netUsdMinor: 10_000,
      label: "Checking ••42",
      flagReasons: [
        expect.stringMatching(/^ONE_SUPPORTER: One supporter gave 12,000 of the 12,000 diamonds/),
      ],
    });
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());
    expect(await withdrawalStatus(withdrawalId)).toBe("review");

    expect(await callerFor(admin).admin.approveWithdrawal({ id: withdrawalId })).toEqual({
      withdrawalId,
      status: "pending",
    });
    await expect(
      callerFor(admin).admin.approveWithdrawal({ id: withdrawalId }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());
    expect(await callerFor(creator).creator.withdrawals()).toMatchObject([
      { withdrawalId, status: "paid" },
    ]);
    expect(await balance()).toMatchObject({
      available: 2_000n,
      debitsPending: 0n,
      debitsPosted: 10_000n,
    });
    const [reviewed] = await env.db.sql<{ reviewed_by: string | null }[]>`
      select reviewed_by from withdrawals where id = ${withdrawalId}`;
    expect(reviewed?.reviewed_by).toBe(admin.userId);
  });

  it("rejecting voids the reservation exactly once and gives the diamonds back", async () => {
    const admin = await createAdmin(env.db.sql);
    const { creator, withdrawalId, balance } = await flaggedWithdrawal();
    expect(await balance()).toMatchObject({ available: 2_000n, debitsPending: 10_000n });

    const reason = "We could not verify these earnings.";
    const rejections = await Promise.allSettled([
      callerFor(admin).admin.rejectWithdrawal({ id: withdrawalId, reason }),
      callerFor(admin).admin.rejectWithdrawal({ id: withdrawalId, reason }),
    ]);
    expect(rejections.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(rejections.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "CONFLICT" },
    });
    await expect(
      callerFor(admin).admin.approveWithdrawal({ id: withdrawalId }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await balance()).toMatchObject({
      available: 12_000n,
      debitsPending: 0n,
      debitsPosted: 0n,
    });
    const resolutions = await env.db.sql<{ id: string; phase: string }[]>`
      select id, phase from ledger_transfers where pending_id = ${transferIdFor(withdrawalId, "reserve")}`;
    expect(resolutions).toEqual([
      { id: transferIdFor(withdrawalId, "void_pending"), phase: "void_pending" },
    ]);
    expect(await callerFor(creator).creator.withdrawals()).toMatchObject([
      { withdrawalId, status: "failed", failureReason: reason },
    ]);
    const audit = await env.db.sql<{ action: string }[]>`
      select action from admin_audit where target_id = ${withdrawalId}`;
    expect(audit).toEqual([{ action: "reject_withdrawal" }]);
  });

  it("holds every withdrawal to a changed payout method, even right after a rejection, until an admin approves one", async () => {
    const admin = await createAdmin(env.db.sql);
    // Spread over four fans, so only the method change can flag these.
    const { creator } = await creatorWithDiamonds(
      { sql: env.db.sql, ledger: env.ledger, callerFor },
      8_000,
      { fans: 4 },
    );
    const api = callerFor(creator);
    const withdraw = () => api.creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_000 });
    expect((await withdraw()).status).toBe("pending");
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());

    await api.creator.setPayoutMethod({ method: "paypal", label: "new-owner@example.com" });
    const first = await withdraw();
    expect(first.status).toBe("review");
    await callerFor(admin).admin.rejectWithdrawal({ id: first.withdrawalId, reason: "Not you?" });

    // Asking again at once must not bypass the review that belongs to the method change.
    const again = await withdraw();
    expect(again.status).toBe("review");
    expect(payoutMethodOf(await api.creator.status())).toMatchObject({ inReview: true });
    // Setting it again (to anything) keeps the review open.
    await api.creator.setPayoutMethod({ method: "paypal", label: "new-owner@example.com" });
    await api.creator.setPayoutMethod({ method: "bank", label: "Checking ••42" });
    expect(payoutMethodOf(await api.creator.status())).toMatchObject({ inReview: true });
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());
    expect(await withdrawalStatus(again.withdrawalId)).toBe("review");

    // Approving a withdrawal made to the method as it is now approves the method.
    const current = await withdraw();
    expect(current.status).toBe("review");
    await callerFor(admin).admin.approveWithdrawal({ id: current.withdrawalId });
    expect(payoutMethodOf(await api.creator.status())).toMatchObject({ inReview: false });
    expect((await withdraw()).status).toBe("pending");
    const [approval] = await env.db.sql<{ details: { payoutMethodApproved: boolean } }[]>`
      select details from admin_audit where target_id = ${current.withdrawalId}`;
    expect(approval?.details.payoutMethodApproved).toBe(true);
  });
});

describe("admin.publishRateCard", () => {
  it("refuses an unknown version or a past activation, inserting nothing", async () => {
    const admin = await createAdmin(env.db.sql);
    const before = await count("rate_card_activations");
    await expect(
      callerFor(admin).admin.publishRateCard({ version: "1999-01", activeFrom: inAnHour() }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(
        `published versions are: ${Object.keys(RATE_CARDS).join(", ")}.`,
      ),
    });
    await expect(
      callerFor(admin).admin.publishRateCard({
        version: RATE_CARD.version,
        activeFrom: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/past/) });
    await expect(
      callerFor(admin).admin.publishRateCard({ version: RATE_CARD.version, activeFrom: "soon" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await count("rate_card_activations")).toBe(before);
  });

  it("schedules a known version; the active card is the latest activation whose time has come", async () => {
    const admin = await createAdmin(env.db.sql);
    const activeFrom = inAnHour();
    expect(
      await callerFor(admin).admin.publishRateCard({ version: RATE_CARD.version, activeFrom }),
    ).toMatchObject({ version: RATE_CARD.version, activeFrom });
    const [row] = await env.db.sql<{ published_by: string; active_from: Date }[]>`
      select published_by, active_from from rate_card_activations where version = ${RATE_CARD.version}`;
    expect(row).toEqual({ published_by: admin.userId, active_from: new Date(activeFrom) });

    // Core has one version today; two stand-in versions show which activation wins when.
    const cards: Record<string, RateCard> = {
      "test-a": { ...RATE_CARD, version: "test-a" },
      "test-b": { ...RATE_CARD, version: "test-b" },
    };
    const t0 = new Date("2031-01-01T00:00:00Z");
    const t1 = new Date("2031-02-01T00:00:00Z");
    await env.db.sql`
      insert into rate_card_activations (version, active_from, published_by, published_at) values
        ('test-a', ${t0}, 'test', now() - interval '1 day'),
        ('test-b', ${t1}, 'test', now() - interval '1 day'),
        ('test-gone', ${t1}, 'test', now())`;
    const versionAt = async (at: Date) => (await getActiveRateCard(env.db.sql, at, cards)).version;
    expect(await versionAt(new Date(t0.getTime() - 1))).toBe(RATE_CARD.version);
    expect(await versionAt(t0)).toBe("test-a");
    expect(await versionAt(new Date(t1.getTime() - 1))).toBe("test-a");
    // test-gone is newer but unknown to this build: skipped, test-b is in force.
    expect(await versionAt(t1)).toBe("test-b");
    await env.db.sql`delete from rate_card_activations where published_by = 'test'`;
  });
});

describe("admin.runLedgerCheck and admin.audit", () => {
  it("runs the ledger check and audits the run", async () => {
    const admin = await createAdmin(env.db.sql);
    expect(await callerFor(admin).admin.runLedgerCheck()).toEqual({ ok: true, violations: [] });
    const [row] = await env.db.sql<{ action: string; details: unknown }[]>`
      select action, details from admin_audit where admin_user_id = ${admin.userId}`;
    expect(row).toEqual({ action: "run_ledger_check", details: { violations: 0 } });
  });

  it("writes one audit row per action, listed newest first a page at a time", async () => {
    const admin = await createAdmin(env.db.sql);
    const person = await createPerson(env.db.sql);
    const approved = await flaggedWithdrawal();
    const rejected = await flaggedWithdrawal();
    const me = callerFor(admin).admin;
    await me.freeze({ userId: person.userId, reason: "first look" });
    await me.unfreeze({ userId: person.userId });
    await me.flaggedWithdrawals();
    await me.approveWithdrawal({ id: approved.withdrawalId });
    await me.rejectWithdrawal({ id: rejected.withdrawalId, reason: "not verified" });
    await me.runLedgerCheck();
    await me.publishRateCard({ version: RATE_CARD.version, activeFrom: inAnHour() });

    const entries: Awaited<ReturnType<typeof me.audit>>["items"] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof me.audit>> = await me.audit({ cursor, limit: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const mine = entries.filter((entry) => entry.adminUserId === admin.userId);
    expect(mine.map((entry) => [entry.action, entry.targetId])).toEqual([
      ["publish_rate_card", RATE_CARD.version],
      ["run_ledger_check", null],
      ["reject_withdrawal", rejected.withdrawalId],
      ["approve_withdrawal", approved.withdrawalId],
      ["list_flagged_withdrawals", null],
      ["unfreeze", person.userId],
      ["freeze", person.userId],
    ]);
    expect(mine.find((entry) => entry.action === "freeze")?.details).toEqual({
      reason: "first look",
      previousReason: null,
    });
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    // Settle the approved one so no reservation is left open at the end of the file.
    await processPendingWithdrawals(env.db.sql, env.ledger, new SandboxPayoutProvider());
  });
});
