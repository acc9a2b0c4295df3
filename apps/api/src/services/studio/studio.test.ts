import { randomUUID } from "node:crypto";
import { quoteWithdrawal } from "@coinstream/core";
import { accountId } from "@coinstream/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../../app.ts";
import { StreamEventHub } from "../../realtime/stream-event-hub.ts";
import { creatorWithAvailable } from "../../test-support/creator-with-diamonds.ts";
import { foldEverything } from "../../test-support/fold-analytics.ts";
import {
  createCreator,
  createFundedPerson,
  createPerson,
  fundWallet,
} from "../../test-support/people.ts";
import { createTestContext } from "../../test-support/test-context.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import { createCallerFactory } from "../../trpc/init.ts";
import { appRouter } from "../../trpc/root.ts";
import type { Viewer } from "../service-context.ts";
import { endInactiveSessions, startLiveSessions } from "./live-sessions.ts";
import { DEFAULT_OVERLAY_SETTINGS } from "./overlay-settings.ts";

const env = useTestLedger();
const PUBLIC_URL = "https://coinstream.test";
const MINUTE = 60_000;
let hub: StreamEventHub;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  hub = new StreamEventHub(env.db.sql);
  await hub.start();
  app = env.appWith({ events: hub, publicUrl: PUBLIC_URL });
});
afterAll(() => hub.stop());

const callerFor = (who: Viewer | null, now?: Date) => {
  const context = createTestContext(
    { sql: env.db.sql, ledger: env.ledger, publicUrl: PUBLIC_URL },
    who,
  );
  return createCallerFactory(appRouter)(now ? { ...context, now } : context);
};

async function creatorAndFans(names: readonly string[], coins = 50_000n) {
  const creator = await createCreator(env.db.sql, 500);
  const fans = [];
  for (const name of names) {
    const fan = await createFundedPerson(env.db.sql, env.ledger, coins, { name });
    fans.push(fan);
  }
  return { creator, fans };
}

/** The ledger's credits to the creator's hold from gifts, tips and messages since `from`. */
async function ledgerCreditsSince(creatorUserId: string, from: Date) {
  const held = accountId({ ownerId: creatorUserId, purpose: "creator_held" });
  const [row] = await env.db.sql<{ diamonds: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as diamonds from ledger_transfers
    where credit_account_id = ${held} and created_at >= ${from}
      and code in ('gift_diamonds', 'tip_diamonds', 'message_diamonds')`;
  return Number(row?.diamonds ?? 0n);
}

/** Reads an SSE response until `done` says so (or the stream ends), then leaves it. */
async function readBlocks(response: Response, done: (blocks: string[]) => boolean) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const blocks: string[] = [];
  let buffer = "";
  while (!done(blocks)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      blocks.push(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  await reader.cancel();
  return blocks;
}

describe("creator.overview", () => {
  it("shows earnings equal to the ledger's, held by release day, the withdrawal's cash and the top 5 supporters", async () => {
    const { creator, fans } = await creatorAndFans(["Ana", "Ben", "Cy", "Dee", "Eve", "Fay"]);
    const to = { handle: creator.handle };
    for (const [index, fan] of fans.entries()) {
      await callerFor(fan).tips.send({
        idempotencyKey: randomUUID(),
        to,
        coins: 100 * (index + 1),
      });
    }
    await callerFor(fans[0] as Viewer).gifts.send({
      idempotencyKey: randomUUID(),
      to,
      giftId: "rose",
      count: 5,
    });
    await foldEverything(env.db.sql);
    // One more after the fold: the figures add the unfolded tail.
    await callerFor(fans[1] as Viewer).tips.send({ idempotencyKey: randomUUID(), to, coins: 40 });

    const overview = await callerFor(creator.user).creator.overview({ utcOffsetMinutes: 90 });
    expect(overview.currency).toBe("USD");
    for (const window of overview.earnings) {
      expect(window.diamonds).toBe(
        await ledgerCreditsSince(creator.user.userId, new Date(window.from)),
      );
      expect(window.valueUsdMinor).toBe(window.diamonds);
    }
    const month = overview.earnings.find((w) => w.window === "month");
    expect(month).toMatchObject({ events: 8, coins: 2_100 + 5 + 40 });

    const balances = await env.ledger.getBalances([creator.held]);
    const held = Number(balances.get(creator.held)?.available ?? 0n);
    expect(overview.held.diamonds).toBe(held);
    expect(
      overview.held.schedule.reduce((sum, part) => sum + part.diamonds, 0) +
        overview.held.releasingNowDiamonds,
    ).toBe(held);
    expect(overview.held.schedule).toHaveLength(1);
    expect(new Date(overview.held.schedule[0]?.releaseAt ?? 0).getTime()).toBeGreaterThan(
      Date.now() + 6.9 * 86_400_000,
    );
    expect(overview.available.diamonds).toBe(0);
    expect(overview.withdrawal).toBeNull();

    expect(overview.topSupporters.map((s) => [s.name, s.coins])).toEqual([
      ["Fay", 600],
      ["Eve", 500],
      ["Dee", 400],
      ["Cy", 300],
      ["Ben", 240],
    ]);
  });

  it("quotes what withdrawing the available diamonds pays, with the core payout rules", async () => {
    const world = {
      sql: env.db.sql,
      ledger: env.ledger,
      callerFor: (who: Viewer) => callerFor(who),
    };
    const { creator } = await creatorWithAvailable(world, 1_500);
    const overview = await callerFor(creator).creator.overview({});
    const quote = quoteWithdrawal({ diamonds: 1_500, method: "bank" });
    expect(overview.available.diamonds).toBe(1_500);
    expect(overview.withdrawal).toMatchObject({
      diamonds: 1_500,
      method: "bank",
      isMethodAssumed: false,
      grossUsdMinor: quote.grossUsdMinor,
      feeUsdMinor: quote.feeUsdMinor,
      netUsdMinor: quote.netUsdMinor,
      allowed: true,
      maxDiamonds: 1_500,
    });
    expect(overview.held.diamonds).toBe(0);
  });

  it("refuses people who are not creators", async () => {
    const viewer = await createPerson(env.db.sql);
    await expect(callerFor(viewer).creator.overview({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("creator.earnings", () => {
  it("folds a combo into one row naming the sender, its diamonds the ledger's", async () => {
    const { creator, fans } = await creatorAndFans(["Alex", "Bo"]);
    const [alex, bo] = fans as [Viewer, Viewer];
    const to = { handle: creator.handle };
    for (let i = 0; i < 30; i++) {
      await callerFor(alex).gifts.send({
        idempotencyKey: randomUUID(),
        to,
        giftId: "rose",
        count: 1,
      });
      if (i === 10) await callerFor(bo).tips.send({ idempotencyKey: randomUUID(), to, coins: 50 });
    }
    const { items } = await callerFor(creator.user).creator.earnings({ limit: 100 });
    expect(items.map((item) => item.label)).toEqual(["Alex sent Rose x30", "Bo tipped 50 coins"]);
    expect(items[0]).toMatchObject({
      kind: "gift",
      senderName: "Alex",
      giftName: "Rose",
      count: 30,
      coins: 30,
    });
    const total = items.reduce((sum, item) => sum + item.diamonds, 0);
    expect(total).toBe(await ledgerCreditsSince(creator.user.userId, new Date(0)));
  });
});

describe("overlay settings and test alerts", () => {
  it("plays a test alert of each tier on the creator's overlay only, moving no coins and counting nothing", async () => {
    const { creator, fans } = await creatorAndFans(["Ana"]);
    const overlay = await callerFor(creator.user).overlay.get();
    const path = new URL(overlay.url).pathname;
    await callerFor(fans[0] as Viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      coins: 10,
    });
    const [before] = await env.db.sql<{ events: bigint; transfers: bigint }[]>`
      select (select count(*) from stream_events)::int8 as events, (select count(*) from ledger_transfers)::int8 as transfers`;

    const overlayStream = await app.request(`${path}/events`);
    const publicStream = await app.request(`/streams/${creator.handle}/events`);
    expect(overlayStream.status).toBe(200);
    const tiers = ["basic", "premium", "deluxe", "legendary", "tip", "message"] as const;
    const reading = readBlocks(
      overlayStream,
      (blocks) => blocks.filter((b) => b.includes("event: test-alert")).length === tiers.length,
    );
    for (const tier of tiers) {
      await callerFor(creator.user).creator.sendTestAlert({ tier });
    }
    const alerts = (await reading)
      .filter((block) => block.startsWith("event: test-alert"))
      .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "{}").event);
    expect(alerts.map((a) => [a.kind, a.test])).toEqual([
      ["gift", true],
      ["gift", true],
      ["gift", true],
      ["gift", true],
      ["tip", true],
      ["message", true],
    ]);
    expect(alerts.map((a) => a.giftId)).toEqual([
      "rose",
      "rainbow",
      "concert",
      expect.any(String),
      null,
      null,
    ]);

    // The public stream (viewers' extensions) got none of it: only its opening `connected`.
    const publicBlocks = await readBlocks(publicStream, (blocks) => blocks.length >= 2);
    expect(publicBlocks.some((block) => block.includes("test"))).toBe(false);
    const [after] = await env.db.sql<{ events: bigint; transfers: bigint }[]>`
      select (select count(*) from stream_events)::int8 as events, (select count(*) from ledger_transfers)::int8 as transfers`;
    expect(after).toEqual(before);
    await foldEverything(env.db.sql);
    const dashboard = await callerFor(creator.user).analytics.dashboard({
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 3_600_000).toISOString(),
      bucket: "day",
    });
    expect(dashboard.totals).toMatchObject({ events: 1, coins: 10 });
    expect(
      (await callerFor(null).streams.leaderboard({ to: { handle: creator.handle } })).entries,
    ).toHaveLength(1);
  }, 30_000);

  it("stores validated settings, hands them to the overlay's state and pushes them to the open overlay", async () => {
    const { creator } = await creatorAndFans([]);
    const asCreator = callerFor(creator.user);
    expect(await asCreator.creator.overlaySettings()).toEqual(DEFAULT_OVERLAY_SETTINGS);
    const path = new URL((await asCreator.overlay.get()).url).pathname;
    const stream = await app.request(`${path}/events`);
    const reading = readBlocks(stream, (blocks) =>
      blocks.some((b) => b.startsWith("event: settings")),
    );
    const settings = {
      ...DEFAULT_OVERLAY_SETTINGS,
      minAlertCoins: 100,
      fullScreenTiers: ["deluxe" as const, "legendary" as const],
      showTopGifters: false,
      colours: { ...DEFAULT_OVERLAY_SETTINGS.colours, accent: "#00FF88" },
    };
    const saved = await asCreator.creator.setOverlaySettings(settings);
    expect(saved.colours.accent).toBe("#00ff88");
    const pushed = (await reading).find((b) => b.startsWith("event: settings")) ?? "";
    expect(JSON.parse(/^data: (.*)$/m.exec(pushed)?.[1] ?? "{}").settings).toEqual(saved);
    const state = (await (await app.request(`${path}/state`)).json()) as { settings: unknown };
    expect(state.settings).toEqual(saved);
    expect(await asCreator.creator.overlaySettings()).toEqual(saved);
  });

  it.each([
    [
      "a colour that is not hex",
      { colours: { ...DEFAULT_OVERLAY_SETTINGS.colours, text: "red; background:url(x)" } },
    ],
    ["a volume over 100", { sound: { enabled: true, volumePercent: 150 } }],
    ["an unknown tier", { fullScreenTiers: ["mythic"] }],
    ["a duration of one second", { alertSeconds: 1 }],
  ])("refuses %s and keeps the stored settings", async (_label, change) => {
    const { creator } = await creatorAndFans([]);
    await expect(
      callerFor(creator.user).creator.setOverlaySettings({
        ...DEFAULT_OVERLAY_SETTINGS,
        ...change,
      } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await callerFor(creator.user).creator.overlaySettings()).toEqual(
      DEFAULT_OVERLAY_SETTINGS,
    );
  });
});

describe("automatic sessions", () => {
  async function openSessions(creatorUserId: string) {
    return env.db.sql<
      { id: string; started_at: Date; started_by: string; ended_by: string | null }[]
    >`
      select id, started_at, started_by, ended_by from stream_sessions where creator_user_id = ${creatorUserId} and ended_at is null`;
  }

  it("starts when the first viewer event arrives while the page reports live, and counts that event", async () => {
    const { creator, fans } = await creatorAndFans(["Ana"]);
    const to = { handle: creator.handle };
    await callerFor(fans[0] as Viewer).streams.reportLive({ to });
    await callerFor(fans[0] as Viewer).tips.send({ idempotencyKey: randomUUID(), to, coins: 30 });
    expect(await startLiveSessions(env.db.sql, new Date())).toBeGreaterThanOrEqual(1);
    const [session] = await openSessions(creator.user.userId);
    expect(session).toMatchObject({ started_by: "auto" });
    await foldEverything(env.db.sql);
    const [totals] = await env.db.sql<
      { coins: bigint }[]
    >`select coins from stream_sessions where id = ${session?.id ?? ""}`;
    expect(totals?.coins).toBe(30n);
    expect(await callerFor(null).sessions.current({ handle: creator.handle })).toMatchObject({
      live: true,
    });
  });

  it("does not start without a live report, nor from a report older than the event by minutes", async () => {
    const { creator, fans } = await creatorAndFans(["Ana"]);
    const to = { handle: creator.handle };
    await callerFor(fans[0] as Viewer).tips.send({ idempotencyKey: randomUUID(), to, coins: 30 });
    await startLiveSessions(env.db.sql, new Date());
    expect(await openSessions(creator.user.userId)).toHaveLength(0);
    await callerFor(fans[0] as Viewer, new Date(Date.now() - 10 * MINUTE)).streams.reportLive({
      to,
    });
    await startLiveSessions(env.db.sql, new Date());
    expect(await openSessions(creator.user.userId)).toHaveLength(0);
  });

  it("ends an automatic session after 30 quiet minutes at its last activity, and says so", async () => {
    const { creator, fans } = await creatorAndFans(["Ana"]);
    const to = { handle: creator.handle };
    await callerFor(fans[0] as Viewer).streams.reportLive({ to });
    await callerFor(fans[0] as Viewer).tips.send({ idempotencyKey: randomUUID(), to, coins: 30 });
    await startLiveSessions(env.db.sql, new Date());
    const [session] = await openSessions(creator.user.userId);
    expect(await endInactiveSessions(env.db.sql, new Date(Date.now() + 20 * MINUTE))).toBe(0);
    expect(await openSessions(creator.user.userId)).toHaveLength(1);
    await endInactiveSessions(env.db.sql, new Date(Date.now() + 31 * MINUTE));
    const [ended] = await env.db.sql<{ ended_by: string; ended_at: Date; started_at: Date }[]>`
      select ended_by, ended_at, started_at from stream_sessions where id = ${session?.id ?? ""}`;
    expect(ended?.ended_by).toBe("inactivity");
    expect(ended?.ended_at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(ended?.ended_at.getTime()).toBeGreaterThanOrEqual(ended?.started_at.getTime() ?? 0);
  });

  it("records a manual start and end", async () => {
    const { creator } = await creatorAndFans([]);
    const { session } = await callerFor(creator.user).sessions.start({ title: "Live" });
    expect(session).toMatchObject({ startedBy: "manual", endedBy: null });
    expect(await callerFor(creator.user).sessions.end()).toMatchObject({
      startedBy: "manual",
      endedBy: "manual",
    });
  });
});

describe("reach of boosts", () => {
  it("counts an impression once per viewer per window, anonymous listings none, and clicks once per viewer", async () => {
    const { creator, fans } = await creatorAndFans(["Ana", "Ben"]);
    const [ana, ben] = fans as [Viewer, Viewer];
    await callerFor(creator.user).sessions.start({ title: "Boosted" });
    await fundWallet(env.db.sql, env.ledger, creator.user, 10_000n);
    await callerFor(creator.user).streams.boost({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      minutes: 10,
      confirm: true,
    });
    for (const who of [ana, ana, ana, ben, null, null]) {
      const listing = await callerFor(who).streams.live();
      expect(listing.find((s) => s.handle === creator.handle)).toMatchObject({ boosted: true });
    }
    for (const who of [ana, ana, null])
      await callerFor(who).streams.open({ handle: creator.handle });
    const [boost] = await callerFor(creator.user).creator.boosts();
    expect(boost).toMatchObject({
      paidBy: "you",
      minutes: 10,
      impressions: 2,
      clicks: 1,
      isRunning: true,
    });
    const [rows] = await env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from boost_reach_minutes where boost_id = ${boost?.id ?? ""}`;
    expect(Number(rows?.n)).toBeLessThanOrEqual(2);
  });
});
