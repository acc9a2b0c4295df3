import { randomUUID } from "node:crypto";
import { accountId, ensureAccounts, PLATFORM_OWNER } from "@coinstream/db";
import { describe, expect, it, vi } from "vitest";
import { SandboxPayoutProvider } from "../payments/payout-provider.ts";
import { releaseHeldDiamonds } from "../services/earnings/release-held-diamonds.ts";
import { createCreator, createPerson, fundWallet } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { queueNextRun, startJobs } from "./start-jobs.ts";

const env = useTestLedger();
const DAY = 86_400_000;

async function creatorWithHeldDiamonds(coins: number) {
  const viewer = await createPerson(env.db.sql);
  const target = await createCreator(env.db.sql);
  await ensureAccounts(env.db.sql, [{ ownerId: target.user.userId, purpose: "creator_available" }]);
  await fundWallet(env.db.sql, env.ledger, viewer, BigInt(coins));
  await env.callerFor(viewer).tips.send({
    idempotencyKey: randomUUID(),
    to: { url: target.url },
    coins,
  });
  const available = accountId({ ownerId: target.user.userId, purpose: "creator_available" });
  const balances = async () => {
    const map = await env.ledger.getBalances([target.held, available]);
    return { held: map.get(target.held)?.available, available: map.get(available)?.available };
  };
  return { balances };
}

describe("releaseHeldDiamonds", () => {
  it("keeps new diamonds held for 7 days, then releases them once however often it runs", async () => {
    const { balances } = await creatorWithHeldDiamonds(1_000);
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 6 * DAY));
    expect(await balances()).toEqual({ held: 500n, available: 0n });

    const later = new Date(Date.now() + 8 * DAY);
    await Promise.all([
      releaseHeldDiamonds(env.db.sql, env.ledger, later),
      releaseHeldDiamonds(env.db.sql, env.ledger, later),
    ]);
    await releaseHeldDiamonds(env.db.sql, env.ledger, later);
    expect(await balances()).toEqual({ held: 0n, available: 500n });
  });
});

describe("startJobs", () => {
  it("runs the queued jobs on the Postgres queue: an expired reservation is voided", async () => {
    const { balances } = await creatorWithHeldDiamonds(400);
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
    expect((await balances()).available).toBe(200n);
    const creatorAvailable = (
      await env.db.sql<{ id: string }[]>`
      select credit_account_id as id from ledger_transfers where code = 'release' order by seq desc limit 1`
    )[0]?.id as string;
    const pendingId = randomUUID();
    const [pending] = await env.ledger.createTransfers([
      {
        id: pendingId,
        debitAccountId: creatorAvailable,
        creditAccountId: accountId({
          ownerId: PLATFORM_OWNER,
          purpose: "platform_payout_clearing",
        }),
        asset: "DIAMOND",
        amount: 150n,
        code: "payout",
        phase: "pending",
        timeoutSeconds: 1,
      },
    ]);
    expect(pending?.result).toBe("ok");
    expect((await balances()).available).toBe(50n);

    const jobs = await startJobs(env.db.url, {
      sql: env.db.sql,
      ledger: env.ledger,
      payouts: new SandboxPayoutProvider(),
    });
    try {
      // Past the reservation's 1 s timeout: only an expired one is voided.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await jobs.boss.send("void-expired-pending", {});
      await vi.waitFor(async () => expect((await balances()).available).toBe(200n), {
        timeout: 20_000,
        interval: 250,
      });
    } finally {
      await jobs.stop();
    }
  });
});

describe("queueNextRun", () => {
  it("queues a frequent job's next run once the database answers again when sending fails at first", async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))
      .mockRejectedValueOnce(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))
      .mockResolvedValue("job-id");
    await queueNextRun({ send }, "fold-analytics", 2, 5);
    expect(send).toHaveBeenCalledTimes(3);
    expect(send).toHaveBeenLastCalledWith("fold-analytics", null, { startAfter: 2 });
  });
});
