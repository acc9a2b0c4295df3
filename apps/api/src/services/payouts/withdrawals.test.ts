import { randomUUID } from "node:crypto";
import { accountId } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import { SandboxPayoutProvider } from "../../payments/payout-provider.ts";
import { createPerson, fundWallet } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import { createContext, type Viewer } from "../../trpc/context.ts";
import { createCallerFactory } from "../../trpc/init.ts";
import { appRouter } from "../../trpc/root.ts";
import { releaseHeldDiamonds } from "../earnings/release-held-diamonds.ts";
import { processPendingWithdrawals } from "./withdrawals.ts";

const env = useTestLedger();
const DAY = 86_400_000;
const callerFor = (who: Viewer) =>
  createCallerFactory(appRouter)(createContext({ sql: env.db.sql, ledger: env.ledger }, who));

/** A creator (account 30 days old, verified channel) with `diamonds` released and available. */
async function creatorWithAvailable(diamonds: number, payoutLabel = "Checking ••42") {
  const creator = await createPerson(env.db.sql, { createdAt: new Date(Date.now() - 30 * DAY) });
  const handle = `h${randomUUID().slice(0, 8)}`;
  await callerFor(creator).creator.register({ handle });
  await env.db.sql`
    insert into creator_channels (creator_user_id, platform, channel, followers, verified_at)
    values (${creator.userId}, 'twitch', ${handle}, 500, now())`;
  const fan = await createPerson(env.db.sql);
  await fundWallet(env.db.sql, env.ledger, fan, BigInt(diamonds * 2));
  await callerFor(fan).tips.send({
    idempotencyKey: randomUUID(),
    to: { handle },
    coins: diamonds * 2,
  });
  await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
  await callerFor(creator).creator.setPayoutMethod({ method: "bank", label: payoutLabel });
  const available = accountId({ ownerId: creator.userId, purpose: "creator_available" });
  const balance = async () => (await env.ledger.getBalances([available])).get(available);
  return { creator, balance };
}

describe("withdrawals", () => {
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

    let payments = 0;
    const provider = {
      name: "sandbox" as const,
      pay: async () => {
        payments++;
        return { ok: true as const };
      },
    };
    await Promise.all([
      processPendingWithdrawals(env.db.sql, env.ledger, provider),
      processPendingWithdrawals(env.db.sql, env.ledger, provider),
    ]);
    expect(payments).toBe(1);
    expect(await balance()).toMatchObject({
      available: 2_000n,
      debitsPending: 0n,
      debitsPosted: 3_000n,
    });
    expect((await callerFor(creator).creator.withdrawals())[0]).toMatchObject({ status: "paid" });
  });

  it("voids the reservation and returns the diamonds when the provider declines", async () => {
    const { creator, balance } = await creatorWithAvailable(2_000, "decline me");
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
});
