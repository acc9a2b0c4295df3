import { randomUUID } from "node:crypto";
import { accountId, PLATFORM_OWNER, type TransferCode } from "@coinstream/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldEverything,
  insertStreamEvent,
  unfoldedEvents,
} from "../../test-support/fold-analytics.ts";
import { createCreator, createFundedPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);
const HOUR = 3_600_000;

function aroundNow() {
  const now = Date.now();
  return {
    from: new Date(now - 2 * HOUR).toISOString(),
    to: new Date(now + HOUR).toISOString(),
    bucket: "hour" as const,
  };
}

/** What the ledger says a creator received: coin legs to platform revenue and held diamonds. */
async function ledgerTotals(creatorUserId: string, held: string) {
  const revenue = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" });
  const [coins] = await env.db.sql<{ coins: bigint; gifts: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as coins,
           coalesce(sum(amount) filter (where code = 'gift'), 0)::int8 as gifts
    from ledger_transfers
    where credit_account_id = ${revenue} and asset = 'COIN' and phase = 'single'
      and metadata->>'creatorUserId' = ${creatorUserId}`;
  const [diamonds] = await env.db.sql<{ diamonds: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as diamonds from ledger_transfers
    where credit_account_id = ${held} and phase = 'single'`;
  return {
    coins: Number(coins?.coins),
    giftCoins: Number(coins?.gifts),
    diamonds: Number(diamonds?.diamonds),
  };
}

describe("analytics.dashboard", () => {
  it("totals equal the ledger's before folding, half folded and fully folded when viewers gift and tip", async () => {
    const creator = await createCreator(env.db.sql);
    const viewers = [
      await createFundedPerson(env.db.sql, env.ledger, 100_000n, { name: "Ada" }),
      await createFundedPerson(env.db.sql, env.ledger, 100_000n, { name: "Bo" }),
      await createFundedPerson(env.db.sql, env.ledger, 100_000n, { name: "Cy" }),
    ];
    const [ada, bo, cy] = viewers as [Viewer, Viewer, Viewer];
    const gift = (who: Viewer, giftId: string, count: number) =>
      callerFor(who).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: creator.url },
        giftId,
        count,
        confirm: true,
      });
    const tip = (who: Viewer, coins: number) =>
      callerFor(who).tips.send({
        idempotencyKey: randomUUID(),
        to: { handle: creator.handle },
        coins,
        confirm: true,
      });
    const expectDashboardToMatchLedger = async () => {
      const ledger = await ledgerTotals(creator.user.userId, creator.held);
      const dashboard = await callerFor(creator.user).analytics.dashboard(aroundNow());
      expect(dashboard.totals.coins).toBe(ledger.coins);
      expect(dashboard.totals.diamonds).toBe(ledger.diamonds);
      expect(dashboard.giftMix.reduce((sum, g) => sum + g.coins, 0)).toBe(ledger.giftCoins);
      expect(dashboard.series.reduce((sum, p) => sum + p.coins, 0)).toBe(ledger.coins);
      expect(dashboard.topGifters.reduce((sum, g) => sum + g.coins, 0)).toBe(ledger.coins);
      expect(ledger.coins).toBeGreaterThan(0);
      return dashboard;
    };

    await gift(ada, "rose", 3);
    await gift(bo, "crown", 1);
    await gift(ada, "rose", 1); // 1 coin, half a diamond carried: 0 diamonds, no diamond leg
    await tip(cy, 77);
    await tip(bo, 1);
    expect(await unfoldedEvents(env.db.sql)).toBeGreaterThan(0n);
    const unfolded = await expectDashboardToMatchLedger();
    expect(unfolded.totals).toEqual({
      events: 5,
      gifts: 5,
      tips: 2,
      messages: 0,
      coins: 3 + 299 + 1 + 77 + 1,
      // The creator's half diamonds carry over: floor(381 x 50%) = 190 in all.
      diamonds: 1 + 150 + 0 + 39 + 0,
    });
    expect(unfolded.giftMix).toEqual([
      { giftId: "crown", count: 1, coins: 299, diamonds: 150 },
      { giftId: "rose", count: 4, coins: 4, diamonds: 1 },
    ]);
    expect(unfolded.topGifters).toEqual([
      { rank: 1, name: "Bo", coins: 300 },
      { rank: 2, name: "Cy", coins: 77 },
      { rank: 3, name: "Ada", coins: 4 },
    ]);
    expect(unfolded.gifters).toEqual({ new: 3, returning: 0 });

    await foldEverything(env.db.sql);
    expect(await expectDashboardToMatchLedger()).toEqual(unfolded);
    const [folded] = await env.db.sql<{ coins: bigint }[]>`
      select sum(coins)::int8 as coins from creator_hourly_totals where creator_user_id = ${creator.user.userId}`;
    expect(Number(folded?.coins)).toBe(unfolded.totals.coins);

    // Half folded: the roll-ups hold the first gifts, the tail holds these.
    await gift(cy, "rainbow", 2);
    await gift(ada, "heart", 10);
    await tip(ada, 500);
    expect(await unfoldedEvents(env.db.sql)).toBe(3n);
    const half = await expectDashboardToMatchLedger();
    expect(half.totals.events).toBe(8);
    expect(half.topGifters.map((g) => [g.name, g.coins])).toEqual([
      ["Ada", 554],
      ["Bo", 300],
      ["Cy", 277],
    ]);

    await foldEverything(env.db.sql);
    expect(await expectDashboardToMatchLedger()).toEqual(half);
  });

  it("shows each creator only their own analytics, and none to someone who is not a creator", async () => {
    const a = await createCreator(env.db.sql);
    const b = await createCreator(env.db.sql);
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n, { name: "Fan of A" });
    await callerFor(fan).gifts.send({
      idempotencyKey: randomUUID(),
      to: { url: a.url },
      giftId: "coffee",
      count: 2,
    });

    const ofA = await callerFor(a.user).analytics.dashboard(aroundNow());
    const ofB = await callerFor(b.user).analytics.dashboard(aroundNow());
    expect(ofA.totals.coins).toBe(100);
    expect(ofA.topGifters.map((g) => g.name)).toEqual(["Fan of A"]);
    expect(ofB.totals).toEqual({
      events: 0,
      gifts: 0,
      tips: 0,
      messages: 0,
      coins: 0,
      diamonds: 0,
    });
    expect([ofB.topGifters, ofB.giftMix, ofB.sessions]).toEqual([[], [], []]);
    expect((await callerFor(b.user).analytics.exportCsv(aroundNow())).csv).not.toContain("coffee");

    await expect(callerFor(fan).analytics.dashboard(aroundNow())).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "NOT_ELIGIBLE" },
    });
    await expect(callerFor(fan).analytics.exportCsv(aroundNow())).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(null).analytics.dashboard(aroundNow())).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it.each([
    ["an empty range", "2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z", "hour"],
    ["a reversed range", "2026-05-02T00:00:00Z", "2026-05-01T00:00:00Z", "day"],
    ["32 days of hours", "2026-05-01T00:00:00Z", "2026-06-02T00:00:00Z", "hour"],
    ["401 days of days", "2026-01-01T00:00:00Z", "2027-02-06T00:00:00Z", "day"],
    ["a date that is not ISO 8601", "May 1, 2026", "2026-05-02T00:00:00Z", "day"],
    ["a date without a time zone", "2026-05-01T00:00:00", "2026-05-02T00:00:00Z", "day"],
  ] as const)("refuses %s with BAD_REQUEST", async (_, from, to, bucket) => {
    const creator = await createCreator(env.db.sql);
    await expect(
      callerFor(creator.user).analytics.dashboard({ from, to, bucket }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      callerFor(creator.user).analytics.exportCsv({ from, to, bucket }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("accepts the longest ranges, widened to whole UTC buckets", async () => {
    const creator = await createCreator(env.db.sql);
    const hours = await callerFor(creator.user).analytics.dashboard({
      from: "2026-05-01T00:20:00Z",
      to: "2026-05-31T23:10:00Z",
      bucket: "hour",
    });
    expect([hours.from, hours.to, hours.series.length]).toEqual([
      "2026-05-01T00:00:00.000Z",
      "2026-06-01T00:00:00.000Z",
      31 * 24,
    ]);
    const days = await callerFor(creator.user).analytics.dashboard({
      from: "2026-01-01T00:00:00Z",
      to: "2027-02-05T00:00:00Z",
      bucket: "day",
    });
    expect(days.series).toHaveLength(400);
  });

  it("counts new and returning gifters, including ones who gave before, inside and after the range", async () => {
    const creator = await createCreator(env.db.sql);
    const c = creator.user.userId;
    const give = (viewer: string, at: string) =>
      insertStreamEvent(env.db.sql, {
        creatorUserId: c,
        viewerUserId: `viewer-${viewer}-${c}`,
        viewerName: viewer,
        coins: 10,
        at: new Date(at),
      });
    await give("x", "2026-01-01T10:00:00Z");
    await give("x", "2026-01-10T10:00:00Z"); // returning
    await give("y", "2026-01-10T11:00:00Z"); // new
    await give("z", "2026-01-01T10:00:00Z");
    await give("z", "2026-01-20T10:00:00Z"); // before and after, not inside
    await give("w", "2026-01-01T10:00:00Z");
    await give("w", "2026-01-10T12:00:00Z"); // before, inside (at 12:00) and after
    await give("w", "2026-01-20T10:00:00Z");
    const gifters = async (from: string, to: string, bucket: "hour" | "day") =>
      (await callerFor(creator.user).analytics.dashboard({ from, to, bucket })).gifters;
    const read = async () => [
      await gifters("2026-01-05T00:00:00Z", "2026-01-15T00:00:00Z", "day"),
      await gifters("2026-01-09T20:00:00Z", "2026-01-10T11:30:00Z", "hour"),
      await gifters("2026-01-09T20:00:00Z", "2026-01-10T13:00:00Z", "hour"),
      await gifters("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "day"),
    ];
    const expected = [
      { new: 1, returning: 2 },
      { new: 1, returning: 1 }, // w's 12:00 gift is after the range's end (12:00, exclusive)
      { new: 1, returning: 2 },
      { new: 3, returning: 0 },
    ];
    expect(await read()).toEqual(expected);
    await foldEverything(env.db.sql);
    expect(await read()).toEqual(expected);
  });

  it("lists live sessions overlapping the range with their totals, folded or not", async () => {
    const creator = await createCreator(env.db.sql);
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n, { name: "Sam" });
    const [ended] = await env.db.sql<{ id: string }[]>`
      insert into stream_sessions (creator_user_id, title, started_at, ended_at)
      values (${creator.user.userId}, 'Long ago', now() - interval '30 days', now() - interval '29 days')
      returning id`;
    const [live] = await env.db.sql<{ id: string }[]>`
      insert into stream_sessions (creator_user_id, title, started_at)
      values (${creator.user.userId}, 'Tonight', now() - interval '1 minute') returning id`;
    const tip = (coins: number) =>
      callerFor(fan).tips.send({ idempotencyKey: randomUUID(), to: { url: creator.url }, coins });
    await tip(30);
    await foldEverything(env.db.sql);
    await tip(12);
    const { sessions } = await callerFor(creator.user).analytics.dashboard(aroundNow());
    expect(sessions).toMatchObject([
      { id: live?.id, title: "Tonight", endedAt: null, events: 2, coins: 42, diamonds: 21 },
    ]);
    expect(sessions.map((s) => s.id)).not.toContain(ended?.id);
  });

  it("reports diamonds reversed out of the creator's hold in the range", async () => {
    const creator = await createCreator(env.db.sql);
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    await callerFor(fan).tips.send({
      idempotencyKey: randomUUID(),
      to: { url: creator.url },
      coins: 400,
    });
    const [reversal] = await env.ledger.createTransfers([
      {
        id: randomUUID(),
        debitAccountId: creator.held,
        creditAccountId: accountId({
          ownerId: PLATFORM_OWNER,
          purpose: "platform_diamond_issuance",
        }),
        asset: "DIAMOND",
        amount: 120n,
        code: "gift_reversal" as TransferCode,
      },
    ]);
    expect(reversal?.result).toBe("ok");
    const dashboard = await callerFor(creator.user).analytics.dashboard(aroundNow());
    expect([dashboard.totals.diamonds, dashboard.reversedDiamonds]).toEqual([200, 120]);
    const lastYear = await callerFor(creator.user).analytics.dashboard({
      from: "2025-01-01T00:00:00Z",
      to: "2025-02-01T00:00:00Z",
      bucket: "day",
    });
    expect(lastYear.reversedDiamonds).toBe(0);
  });

  it("answers exactly what the events say for any range, folded or half folded", async () => {
    const creator = await createCreator(env.db.sql);
    const c = creator.user.userId;
    const start = Date.parse("2026-02-01T00:00:00Z");
    const names = ["Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"];
    const random = fc.sample(
      fc.record({
        viewer: fc.integer({ min: 0, max: names.length - 1 }),
        minute: fc.integer({ min: 0, max: 28 * 24 * 60 - 1 }),
        coins: fc.integer({ min: 1, max: 5_000 }),
        giftId: fc.constantFrom("rose", "gg", "crown", null),
      }),
      { numRuns: 160, seed: 7 },
    );
    const insertAll = (events: typeof random) =>
      Promise.all(
        events.map((e) =>
          insertStreamEvent(env.db.sql, {
            creatorUserId: c,
            viewerUserId: `v-${e.viewer}-${c}`,
            viewerName: names[e.viewer] as string,
            kind: e.giftId ? "gift" : "tip",
            ...(e.giftId ? { giftId: e.giftId } : {}),
            coins: e.coins,
            at: new Date(start + e.minute * 60_000),
          }),
        ),
      );
    await insertAll(random.slice(0, 80));
    await foldEverything(env.db.sql);
    await insertAll(random.slice(80));

    /** The same questions asked of the raw events. */
    const expected = async (from: Date, to: Date) => {
      const top = await env.db.sql<{ name: string; coins: bigint }[]>`
        select (array_agg(payload->>'viewerName'))[1] as name, sum(coins)::int8 as coins
        from stream_events where creator_user_id = ${c} and created_at >= ${from} and created_at < ${to}
        group by viewer_user_id order by coins desc, viewer_user_id`;
      const [counts] = await env.db.sql<{ new: bigint; returning: bigint; coins: bigint }[]>`
        with active as (
          select viewer_user_id, sum(coins) as coins from stream_events
          where creator_user_id = ${c} and created_at >= ${from} and created_at < ${to} group by 1
        ),
        firsts as (
          select viewer_user_id, min(created_at) as first_at from stream_events
          where creator_user_id = ${c} group by 1
        )
        select count(*) filter (where f.first_at >= ${from})::int8 as new,
               count(*) filter (where f.first_at < ${from})::int8 as returning,
               coalesce(sum(a.coins), 0)::int8 as coins
        from active a join firsts f using (viewer_user_id)`;
      return {
        coins: Number(counts?.coins),
        gifters: { new: Number(counts?.new), returning: Number(counts?.returning) },
        topGifters: top.map((row, index) => ({
          rank: index + 1,
          name: row.name,
          coins: Number(row.coins),
        })),
      };
    };

    const ranges = fc.sample(
      fc
        .tuple(
          fc.integer({ min: -2 * 24, max: 30 * 24 }),
          fc.integer({ min: 1, max: 31 * 24 }),
          fc.boolean(),
        )
        .map(([fromHour, hours, byDay]) => ({
          from: new Date(start + fromHour * HOUR),
          to: new Date(start + (fromHour + hours) * HOUR),
          bucket: (byDay ? "day" : "hour") as "day" | "hour",
        })),
      { numRuns: 25, seed: 11 },
    );
    const check = async () => {
      for (const range of ranges) {
        const dashboard = await callerFor(creator.user).analytics.dashboard({
          from: range.from.toISOString(),
          to: range.to.toISOString(),
          bucket: range.bucket,
        });
        const truth = await expected(new Date(dashboard.from), new Date(dashboard.to));
        expect({
          coins: dashboard.totals.coins,
          gifters: dashboard.gifters,
          topGifters: dashboard.topGifters,
        }).toEqual({ ...truth, topGifters: truth.topGifters.slice(0, 10) });
      }
    };
    await check();
    // Whole month: more events inside than outside, so lifetime less outside is used.
    const month = await callerFor(creator.user).analytics.dashboard({
      from: "2026-02-01T00:00:00Z",
      to: "2026-03-01T00:00:00Z",
      bucket: "day",
    });
    expect(month.topGifters).toEqual(
      (await expected(new Date("2026-02-01T00:00:00Z"), new Date("2026-03-01T00:00:00Z")))
        .topGifters,
    );
    await foldEverything(env.db.sql);
    await check();
    expect(
      (
        await callerFor(creator.user).analytics.dashboard({
          from: "2026-02-01T00:00:00Z",
          to: "2026-03-01T00:00:00Z",
          bucket: "day",
        })
      ).topGifters,
    ).toEqual(month.topGifters);
  });
});

describe("analytics.exportCsv", () => {
  it("writes the series and gift mix, quoting a gift id that could start a formula or break a row", async () => {
    const creator = await createCreator(env.db.sql);
    const evil = '=HYPERLINK("https://evil.example","click"),x';
    const at = new Date("2026-04-10T15:20:00Z");
    const event = { creatorUserId: creator.user.userId, viewerUserId: "v1", viewerName: "V" };
    await insertStreamEvent(env.db.sql, { ...event, giftId: evil, coins: 9, diamonds: 4, at });
    await insertStreamEvent(env.db.sql, { ...event, giftId: "gg", count: 2, coins: 20, at });
    await insertStreamEvent(env.db.sql, { ...event, kind: "tip", coins: 5, at });
    const range = {
      from: "2026-04-10T00:00:00Z",
      to: "2026-04-12T00:00:00Z",
      bucket: "day" as const,
    };
    const exported = await callerFor(creator.user).analytics.exportCsv(range);
    expect(exported.filename).toBe("coinstream-analytics-2026-04-10-2026-04-12-day.csv");
    const [series, mix] = exported.csv.trimEnd().split("\n\n") as [string, string];
    expect(series.split("\n")).toEqual([
      "bucket_start,coins,diamonds,gifts,tips,messages",
      "2026-04-10T00:00:00.000Z,34,16,3,1,0",
      "2026-04-11T00:00:00.000Z,0,0,0,0,0",
    ]);
    const mixLines = mix.split("\n");
    expect(mixLines[0]).toBe("gift_id,count,coins,diamonds");
    expect(mixLines[1]).toBe("gg,2,20,10");
    const evilLine = mixLines[2] as string;
    expect(evilLine.startsWith("=")).toBe(false);
    expect(evilLine).toBe(`"'${evil.replaceAll('"', '""')}",1,9,4`);
    expect(exported.rows).toBe(4);
  });
});
