import { randomUUID } from "node:crypto";
import { connect, createLedger, type Ledger, type Sql } from "@coinstream/db";
import { TRPCError } from "@trpc/server";
import type { Hono } from "hono";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { createPayments } from "../payments/create-payments.ts";
import { API_POOL_CONNECTIONS, LEDGER_POOL_CONNECTIONS } from "../pool-sizes.ts";
import { createChannelVerifierConfig } from "../services/channels/channel-verifier-config.ts";
import { type StandInSite, startStandInSite } from "../services/channels/testing/stand-in-site.ts";
import type { Viewer } from "../services/service-context.ts";
import { creatorWithAvailable as creatorWithDiamonds } from "../test-support/creator-with-diamonds.ts";
import {
  createAdmin,
  createCreator,
  createFundedPerson,
  createPerson,
} from "../test-support/people.ts";
import { testDependencies } from "../test-support/test-context.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { deliverStripeEvent } from "../test-support/webhooks.ts";
import { type Context, type ContextDependencies, createContext } from "../trpc/context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";

/**
 * No request may hold one pooled connection while it waits for another: with the server's own
 * pool sizes, 50 concurrent calls of every procedure that takes a lock (advisory lock, `for
 * update`, a reserved connection) must all finish, and `/health` must answer meanwhile. A lock
 * holder that queried through the shared pool while 50 waiters held all its connections hung
 * the whole process (issue 12).
 */
const CALLS = 50;
const HEALTH_DEADLINE_MS = 5_000;
const SETTLE_DEADLINE_MS = 30_000;
const WEBHOOK_SECRET = "whsec_pooled_connections_test";

const env = useTestLedger();
const world = {} as {
  pool: Sql;
  ledgerSql: Sql;
  ledger: Ledger;
  app: Hono;
  deps: ContextDependencies;
  site: StandInSite;
};

beforeAll(async () => {
  world.site = await startStandInSite();
});
afterAll(() => world.site.close());

// Each test gets fresh pools, so one that hangs does not take the next test down with it.
beforeEach(() => {
  // Exactly the server's pools (server.ts): the hang needs the pool to be exhaustible.
  world.pool = connect(env.db.url, API_POOL_CONNECTIONS);
  world.ledgerSql = connect(env.db.url, LEDGER_POOL_CONNECTIONS);
  world.ledger = createLedger(world.ledgerSql);
  const payments = createPayments({
    sql: world.pool,
    ledger: world.ledger,
    publicUrl: "http://coinstream.test",
    sandboxWebhookSecret: WEBHOOK_SECRET,
  });
  world.deps = {
    ...testDependencies(world.pool, { ledger: world.ledger, payments }),
    channelVerifier: createChannelVerifierConfig({
      platformUrls: { twitch: `${world.site.origin}/twitch` },
      timeoutMs: 2_000,
      trustedOrigins: [world.site.origin],
    }),
  };
  world.app = createApp(testDependencies(world.pool, { ledger: world.ledger, payments }));
});
afterEach(async () => {
  // A hung pool (the failure this test looks for) is torn down rather than waited on.
  await Promise.all([world.pool.end({ timeout: 1 }), world.ledgerSql.end({ timeout: 1 })]);
});

const callerFor = (who: Viewer, extra: Partial<Context> = {}) =>
  createCallerFactory(appRouter)({ ...createContext(world.deps, who), ...extra });

/** `/health` through the HTTP app on the same pool, or "timeout" when it does not answer in time. */
async function health(): Promise<number | "timeout"> {
  const answer = Promise.resolve(world.app.request("http://coinstream.test/health")).then(
    (response) => response.status,
  );
  const timeout = new Promise<"timeout">((resolve) =>
    setTimeout(() => resolve("timeout"), HEALTH_DEADLINE_MS),
  );
  return Promise.race([answer, timeout]);
}

/**
 * Fires `CALLS` concurrent calls, checks `/health` while they run, then that every call finished
 * with a result or a refusal a person can act on (a DomainError), never a hang or a 500.
 */
async function expectNoStarvation(name: string, call: (index: number) => Promise<unknown>) {
  const calls = Array.from({ length: CALLS }, (_, index) => call(index));
  let isFinished = false;
  const finished = Promise.allSettled(calls).finally(() => (isFinished = true));
  // Until the calls hold the pool's connections (waiting on each other's locks or on a free one).
  await vi.waitFor(
    async () => {
      if (isFinished) return;
      const [busy] = await env.db.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`;
      expect(busy?.n).toBeGreaterThan(0);
    },
    { timeout: 10_000, interval: 20 },
  );
  const status = await health();
  expect({ name, health: status }).toEqual({ name, health: 200 });
  const outcome = await Promise.race([
    finished,
    new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), SETTLE_DEADLINE_MS)),
  ]);
  expect({ name, outcome: outcome === "timeout" ? "timeout" : "finished" }).toEqual({
    name,
    outcome: "finished",
  });
  const failures = (outcome as PromiseSettledResult<unknown>[]).flatMap((result) =>
    result.status === "rejected" && !isRefusal(result.reason) ? [String(result.reason)] : [],
  );
  expect({ name, failures }).toEqual({ name, failures: [] });
  expect({ name, health: await health() }).toEqual({ name, health: 200 });
}

/** A refusal from the rulebook (not found, not eligible, conflict...), not a crash. */
function isRefusal(error: unknown): boolean {
  return error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR";
}

const creatorWithAvailable = (diamonds: number) =>
  creatorWithDiamonds({ sql: env.db.sql, ledger: env.ledger, callerFor }, diamonds);

describe("50 concurrent calls of every locking procedure", () => {
  it("creator.withdraw from an account that is not a creator leaves the API answering", async () => {
    const someone = await createPerson(env.db.sql);
    await expectNoStarvation("creator.withdraw (not a creator)", () =>
      callerFor(someone).creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_000 }),
    );
  });

  it("creator.withdraw from a creator with diamonds leaves the API answering", async () => {
    const { creator: user } = await creatorWithAvailable(5_000);
    await expectNoStarvation("creator.withdraw", () =>
      callerFor(user).creator.withdraw({ idempotencyKey: randomUUID(), diamonds: 1_000 }),
    );
    const [row] = await env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from withdrawals where user_id = ${user.userId}`;
    // 5,000 available: five withdrawals of 1,000 fit, the rest are refused.
    expect(row?.n).toBe(5n);
  });

  it("coin spends (gifts, tips, boosts, paid messages, cosmetics) leave the API answering", async () => {
    const { handle } = await createCreator(env.db.sql, 500);
    const spenders = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const who = await createFundedPerson(env.db.sql, env.ledger, 100_000n);
        return who;
      }),
    );
    const [gifter, tipper, booster, writer, shopper] = spenders as [
      Viewer,
      Viewer,
      Viewer,
      Viewer,
      Viewer,
    ];
    const key = () => randomUUID();
    await expectNoStarvation("gifts.send", () =>
      callerFor(gifter).gifts.send({
        idempotencyKey: key(),
        to: { handle },
        giftId: "rose",
        count: 1,
      }),
    );
    await expectNoStarvation("tips.send", () =>
      callerFor(tipper).tips.send({ idempotencyKey: key(), to: { handle }, coins: 10 }),
    );
    await expectNoStarvation("streams.boost", () =>
      callerFor(booster).streams.boost({ idempotencyKey: key(), to: { handle }, minutes: 5 }),
    );
    await expectNoStarvation("messages.send", () =>
      callerFor(writer).messages.send({
        idempotencyKey: key(),
        to: { handle },
        body: "Hello there",
        expectedCoins: 100,
      }),
    );
    await expectNoStarvation("profile.buy", () =>
      callerFor(shopper).profile.buy({
        idempotencyKey: key(),
        itemId: "color-aqua",
        expectedCoins: 300,
      }),
    );
  });

  it("checkout and settling purchases (webhooks) leave the API answering", async () => {
    const buyers = await Promise.all(Array.from({ length: CALLS }, () => createPerson(env.db.sql)));
    const checkouts: { purchaseId: string; sessionId: string; priceMinor: number }[] = [];
    await expectNoStarvation("store.checkout", async (index) => {
      const checkout = await callerFor(buyers[index] as Viewer).store.checkout({
        idempotencyKey: randomUUID(),
        item: { packId: "coins-100" },
      });
      const [row] = await env.db.sql<{ provider_session_id: string }[]>`
        select provider_session_id from purchases where id = ${checkout.purchaseId}`;
      checkouts.push({
        purchaseId: checkout.purchaseId,
        sessionId: row?.provider_session_id as string,
        priceMinor: checkout.quote.priceMinor,
      });
    });
    expect(checkouts).toHaveLength(CALLS);
    await expectNoStarvation("webhooks: checkout.session.completed", async (index) => {
      const purchase = checkouts[index] as (typeof checkouts)[number];
      const response = await deliverStripeEvent(
        world.app,
        WEBHOOK_SECRET,
        "checkout.session.completed",
        {
          id: purchase.sessionId,
          object: "checkout.session",
          client_reference_id: purchase.purchaseId,
          payment_status: "paid",
          amount_total: purchase.priceMinor,
          currency: "usd",
        },
      );
      expect(response.status).toBe(200);
    });
    const [minted] = await env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from purchases
      where id = any(${checkouts.map((c) => c.purchaseId)}::uuid[]) and status = 'paid'`;
    expect(minted?.n).toBe(BigInt(CALLS));
  });

  it("limits, guardian controls, sessions, perks and channels leave the API answering", async () => {
    const viewer = await createPerson(env.db.sql);
    await expectNoStarvation("limits.set", (index) =>
      callerFor(viewer).limits.set({ dailyCoins: 1_000 - index }),
    );

    // A guardian who passed the card check (as the sandbox page records it) before the child joined.
    const guardian = await createPerson(env.db.sql, { createdAt: new Date("2025-01-01") });
    await env.db.sql`update users set adult_verified_at = now() where id = ${guardian.userId}`;
    const child = await createPerson(env.db.sql, { dateOfBirth: new Date("2012-01-01") });
    const { linkId } = await callerFor(guardian).guardian.invite({ email: child.email });
    await callerFor(child).guardian.confirm({ linkId });
    await expectNoStarvation("guardian.setControls", (index) =>
      callerFor(guardian).guardian.setControls({
        linkId,
        caps: { dailyCoins: 100 + index },
        mayPurchase: index % 2 === 0,
      }),
    );

    const live = (await createCreator(env.db.sql, 500)).user;
    await callerFor(live).sessions.start({ title: "Concurrency" });
    await expectNoStarvation("sessions.setGoal", (index) =>
      callerFor(live).sessions.setGoal({ coins: 1_000 + index, title: "Goal" }),
    );
    await expectNoStarvation("sessions.clearGoal", () => callerFor(live).sessions.clearGoal());
    await expectNoStarvation("sessions.end", () => callerFor(live).sessions.end());

    const perker = (await createCreator(env.db.sql, 500)).user;
    await expectNoStarvation("perks.define", (index) =>
      callerFor(perker).perks.define({ name: `Tier ${index}`, minCoins: 100 * (index + 1) }),
    );
    const [tier] = await callerFor(perker).perks.tiers();
    await expectNoStarvation("perks.update", (index) =>
      callerFor(perker).perks.update({ id: tier?.id as string, minCoins: 100_000 + index }),
    );

    const channeler = await createPerson(env.db.sql);
    const { handle } = await callerFor(channeler).creator.register({
      handle: `c${randomUUID().slice(0, 8)}`,
    });
    const name = `n${randomUUID().slice(0, 8)}`;
    await expectNoStarvation("channels.add", () =>
      callerFor(channeler).channels.add({ url: `https://www.twitch.tv/${name}` }),
    );
    const [claim] = await callerFor(channeler).channels.list();
    world.site.pages.set(`/twitch/${name}`, {
      body: `<p>${handle} ${claim?.code}</p>`,
    });
    await expectNoStarvation("channels.verify", () =>
      callerFor(channeler).channels.verify({ channelId: claim?.id as string }),
    );
    await expectNoStarvation("channels.setFollowers", (index) =>
      callerFor(channeler).channels.setFollowers({
        channelId: claim?.id as string,
        followers: 1_000 + index,
      }),
    );
    await expectNoStarvation("channels.unlink", () =>
      callerFor(channeler).channels.unlink({ channelId: claim?.id as string }),
    );
  });

  it("admin freezes and withdrawal reviews leave the API answering", async () => {
    const admin = await createAdmin(env.db.sql);
    const target = await createPerson(env.db.sql);
    await expectNoStarvation("admin.freeze", () =>
      callerFor(admin).admin.freeze({ userId: target.userId, reason: "Review" }),
    );
    await expectNoStarvation("admin.unfreeze", () =>
      callerFor(admin).admin.unfreeze({ userId: target.userId }),
    );
    const { creator: user } = await creatorWithAvailable(5_000);
    const held = await callerFor(user).creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 1_000,
    });
    // Held for review, as core's fraud rules would.
    await env.db.sql`update withdrawals set status = 'review' where id = ${held.withdrawalId}`;
    await expectNoStarvation("admin.flaggedWithdrawals", () =>
      callerFor(admin).admin.flaggedWithdrawals(),
    );
    await expectNoStarvation("admin.rejectWithdrawal", () =>
      callerFor(admin).admin.rejectWithdrawal({ id: held.withdrawalId, reason: "Not you" }),
    );
  });
});
