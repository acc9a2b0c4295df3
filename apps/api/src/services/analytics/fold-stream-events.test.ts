import { describe, expect, it, vi } from "vitest";
import { startJobs } from "../../jobs/start-jobs.ts";
import { SandboxPayoutProvider } from "../../payments/payout-provider.ts";
import {
  foldEverything,
  insertStreamEvent,
  unfoldedEvents,
} from "../../test-support/fold-analytics.ts";
import { createCreator, createPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";
import { foldStreamEvents } from "./fold-stream-events.ts";

const env = useTestLedger();
const callerFor = (who: Viewer) => env.callerFor(who);

/** Everything the fold writes for a creator, to compare runs. */
async function rollUpsOf(creatorUserId: string) {
  const sql = env.db.sql;
  return {
    hourly: await sql`
      select hour, kind, gift_id, events, items, coins, diamonds from creator_hourly_totals
      where creator_user_id = ${creatorUserId} order by hour, kind, gift_id`,
    supporters: await sql`
      select viewer_user_id, viewer_name, first_at, last_at, events, coins, diamonds
      from creator_supporters where creator_user_id = ${creatorUserId} order by viewer_user_id`,
    daily: await sql`
      select day, viewer_user_id from creator_daily_gifters
      where creator_user_id = ${creatorUserId} order by day, viewer_user_id`,
    sessions: await sql`
      select id, events, coins, diamonds from stream_sessions
      where creator_user_id = ${creatorUserId} order by id`,
  };
}

async function foldedCoins(creatorUserId: string): Promise<bigint> {
  const [row] = await env.db.sql<{ coins: bigint }[]>`
    select coalesce(sum(coins), 0)::int8 as coins from creator_hourly_totals
    where creator_user_id = ${creatorUserId}`;
  return row?.coins ?? 0n;
}

async function creatorWithFan(name = "Fan") {
  const creator = await createCreator(env.db.sql);
  const fan = await createPerson(env.db.sql, { name });
  const event = (
    coins: number,
    at = new Date(),
    more: { giftId?: string; count?: number } = {},
  ) => ({
    creatorUserId: creator.user.userId,
    viewerUserId: fan.userId,
    viewerName: fan.name,
    coins,
    at,
    ...more,
  });
  return { creator, fan, event, dashboard: () => dashboardNow(creator.user) };
}

function dashboardNow(who: Viewer) {
  const now = Date.now();
  return callerFor(who).analytics.dashboard({
    from: new Date(now - 2 * 3_600_000).toISOString(),
    to: new Date(now + 3_600_000).toISOString(),
    bucket: "hour",
  });
}

describe("foldStreamEvents", () => {
  it("counts an event once when its transaction commits after a later one was written and a fold ran in between", async () => {
    const { creator, event, dashboard } = await creatorWithFan();
    let commitLate = () => {};
    let inserted = () => {};
    const wasInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const lateTransaction = env.db.sql.begin(async (tx) => {
      await insertStreamEvent(tx, event(100));
      inserted();
      await new Promise<void>((resolve) => {
        commitLate = resolve;
      });
    });
    await wasInserted;
    await insertStreamEvent(env.db.sql, event(7)); // a later transaction, committed first

    await foldStreamEvents(env.db.sql);
    // The open transaction holds the fold below itself, so the committed event waits too.
    expect(await foldedCoins(creator.user.userId)).toBe(0n);
    expect((await dashboard()).totals.coins).toBe(7);

    commitLate();
    await lateTransaction;
    expect((await dashboard()).totals.coins).toBe(107);
    await foldEverything(env.db.sql);
    expect(await foldedCoins(creator.user.userId)).toBe(107n);
    const [supporter] = await env.db.sql<{ events: bigint; coins: bigint }[]>`
      select events, coins from creator_supporters where creator_user_id = ${creator.user.userId}`;
    expect(supporter).toEqual({ events: 2n, coins: 107n });
    expect((await dashboard()).totals).toMatchObject({ events: 2, coins: 107 });
  });

  it("changes nothing when it runs again, or when two folds race", async () => {
    const { creator, event } = await creatorWithFan();
    for (const coins of [5, 10, 20]) await insertStreamEvent(env.db.sql, event(coins));
    await Promise.all([foldStreamEvents(env.db.sql), foldStreamEvents(env.db.sql)]);
    await foldEverything(env.db.sql);
    const first = await rollUpsOf(creator.user.userId);
    expect(first.supporters.map((row) => row.coins)).toEqual([35n]);

    const again = await foldStreamEvents(env.db.sql);
    expect(again.events).toBe(0);
    expect(await rollUpsOf(creator.user.userId)).toEqual(first);
  });

  it("folds a backlog in bounded batches, keeping each transaction's events together", async () => {
    const { creator, event } = await creatorWithFan();
    await foldEverything(env.db.sql);
    for (let i = 0; i < 5; i++) {
      await env.db.sql.begin(async (tx) => {
        for (let j = 0; j < 3; j++) await insertStreamEvent(tx, event(1 + i * 3 + j));
      });
    }
    // A batch of 2 events cannot split a 3-event transaction: each batch takes one whole.
    await vi.waitFor(
      async () => {
        const result = await foldStreamEvents(env.db.sql, 2);
        expect(result.events).toBeGreaterThan(0);
        expect(result.batches).toBeGreaterThanOrEqual(Math.ceil(result.events / 3));
      },
      { timeout: 30_000, interval: 50 },
    );
    await foldEverything(env.db.sql);
    expect(await foldedCoins(creator.user.userId)).toBe(BigInt((15 * 16) / 2));
    const [hourly] = await env.db.sql<{ events: bigint }[]>`
      select sum(events)::int8 as events from creator_hourly_totals where creator_user_id = ${creator.user.userId}`;
    expect(hourly?.events).toBe(15n);
  });

  it("puts an event at 23:59:59.999 UTC and one at midnight in different hours and days", async () => {
    const { creator, event } = await creatorWithFan();
    await insertStreamEvent(env.db.sql, event(3, new Date("2026-03-01T23:59:59.999Z")));
    await insertStreamEvent(env.db.sql, event(5, new Date("2026-03-02T00:00:00.000Z")));
    const read = async () => ({
      hours: await callerFor(creator.user).analytics.dashboard({
        from: "2026-03-01T23:00:00Z",
        to: "2026-03-02T01:00:00Z",
        bucket: "hour",
      }),
      days: await callerFor(creator.user).analytics.dashboard({
        from: "2026-03-01T00:00:00Z",
        to: "2026-03-03T00:00:00Z",
        bucket: "day",
      }),
      // In another time zone the range still means UTC buckets.
      offset: await callerFor(creator.user).analytics.dashboard({
        from: "2026-03-02T00:30:00+01:00",
        to: "2026-03-02T01:30:00+01:00",
        bucket: "hour",
      }),
    });
    const unfolded = await read();
    expect(unfolded.hours.series.map((p) => [p.at, p.coins])).toEqual([
      ["2026-03-01T23:00:00.000Z", 3],
      ["2026-03-02T00:00:00.000Z", 5],
    ]);
    expect(unfolded.days.series.map((p) => [p.at, p.coins])).toEqual([
      ["2026-03-01T00:00:00.000Z", 3],
      ["2026-03-02T00:00:00.000Z", 5],
    ]);
    expect(unfolded.offset.series.map((p) => [p.at, p.coins])).toEqual([
      ["2026-03-01T23:00:00.000Z", 3],
      ["2026-03-02T00:00:00.000Z", 5],
    ]);

    await foldEverything(env.db.sql);
    const days = await env.db.sql<{ day: string }[]>`
      select day::text from creator_daily_gifters where creator_user_id = ${creator.user.userId} order by day`;
    expect(days.map((row) => row.day)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(await read()).toEqual(unfolded);
  });

  it("adds events to their live session's totals and reports the sessions it touched", async () => {
    const { creator, event } = await creatorWithFan();
    const [session] = await env.db.sql<{ id: string }[]>`
      insert into stream_sessions (creator_user_id, title) values (${creator.user.userId}, 'Live')
      returning id`;
    const sessionId = session?.id as string;
    await insertStreamEvent(env.db.sql, { ...event(40), sessionId });
    await insertStreamEvent(env.db.sql, { ...event(2), sessionId });
    await insertStreamEvent(env.db.sql, event(1000)); // not live
    let touched: string[] = [];
    await vi.waitFor(
      async () => {
        touched.push(...(await foldStreamEvents(env.db.sql)).sessionIds);
        expect(await unfoldedEvents(env.db.sql)).toBe(0n);
      },
      { timeout: 30_000, interval: 50 },
    );
    touched = [...new Set(touched)];
    expect(touched).toEqual([sessionId]);
    expect((await rollUpsOf(creator.user.userId)).sessions).toEqual([
      { id: sessionId, events: 2n, coins: 42n, diamonds: 21n },
    ]);
  });
});

describe("fold-analytics job", () => {
  it("folds new events within seconds on the job queue, with no one calling the fold", async () => {
    const { creator, event } = await creatorWithFan();
    const jobs = await startJobs(env.db.url, {
      sql: env.db.sql,
      ledger: env.ledger,
      payouts: new SandboxPayoutProvider(),
    });
    try {
      await insertStreamEvent(env.db.sql, event(11));
      await vi.waitFor(async () => expect(await foldedCoins(creator.user.userId)).toBe(11n), {
        timeout: 20_000,
        interval: 200,
      });
      // Runs again (chained every few seconds, not only on the minute schedule).
      await insertStreamEvent(env.db.sql, event(4));
      await vi.waitFor(async () => expect(await foldedCoins(creator.user.userId)).toBe(15n), {
        timeout: 20_000,
        interval: 200,
      });
    } finally {
      await jobs.stop();
    }
  });
});
