import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { JOBS } from "../../jobs/start-jobs.ts";
import { SandboxPayoutProvider } from "../../payments/payout-provider.ts";
import type { GoalProgress } from "../../realtime/stream-event.ts";
import { createCreator, createFundedPerson, createPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import { foldStreamEvents } from "../analytics/fold-stream-events.ts";
import type { Viewer } from "../service-context.ts";
import { endIdleSessions } from "./end-session.ts";
import { emitGoalProgress } from "./goal-progress.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) =>
  env.callerFor(who, { publicUrl: "https://coinstream.test" });
const HOUR = 3_600_000;

/** A creator and a funded viewer who tips them. */
async function creatorAndFan(coins = 10_000n) {
  const creator = await createCreator(env.db.sql);
  const fan = await createFundedPerson(env.db.sql, env.ledger, coins, { name: "Fan" });
  const tip = (amount: number, message?: string) =>
    callerFor(fan).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      coins: amount,
      ...(message ? { message } : {}),
    });
  return { creator, fan, tip, asCreator: callerFor(creator.user) };
}

async function goalEvents(creatorUserId: string) {
  const rows = await env.db.sql<{ session_id: string; payload: { goal?: GoalProgress } }[]>`
    select session_id, payload from stream_events
    where creator_user_id = ${creatorUserId} and kind = 'goal' order by id`;
  return rows.map((row) => row.payload.goal ?? null);
}

async function openSessions(creatorUserId: string) {
  return env.db.sql<{ id: string }[]>`
    select id from stream_sessions where creator_user_id = ${creatorUserId} and ended_at is null`;
}

describe("sessions.start", () => {
  it("opens one session per creator, and starting again (even concurrently) returns the open one", async () => {
    const { creator, asCreator } = await creatorAndFan();
    const first = await asCreator.sessions.start({ title: "  Speedrun night " });
    expect(first).toMatchObject({ started: true, session: { title: "Speedrun night", coins: 0 } });

    const again = await Promise.all([
      asCreator.sessions.start({ title: "Other" }),
      asCreator.sessions.start(),
      asCreator.sessions.start({ title: "" }),
    ]);
    expect(again.map((r) => [r.started, r.session.id, r.session.title])).toEqual(
      again.map(() => [false, first.session.id, "Speedrun night"]),
    );
    expect(await openSessions(creator.user.userId)).toHaveLength(1);
  });

  it("refuses a signed-in viewer who is not a creator, storing nothing", async () => {
    const viewer = await createPerson(env.db.sql);
    await expect(callerFor(viewer).sessions.start()).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "NOT_ELIGIBLE" },
    });
    await expect(callerFor(null).sessions.start()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await openSessions(viewer.userId)).toHaveLength(0);
  });
});

describe("sessions.end", () => {
  it("ends the open session with its totals, stops stamping events with it, and returns null when not live", async () => {
    const { creator, tip, asCreator } = await creatorAndFan();
    const { session } = await asCreator.sessions.start();
    await tip(40);
    const ended = await asCreator.sessions.end();
    expect(ended).toMatchObject({ id: session.id, coins: 40 });
    expect(ended?.endedAt).not.toBeNull();

    await tip(5);
    const stamps = await env.db.sql<{ session_id: string | null; coins: bigint }[]>`
      select session_id, coins from stream_events where creator_user_id = ${creator.user.userId} order by id`;
    expect(stamps).toEqual([
      { session_id: session.id, coins: 40n },
      { session_id: null, coins: 5n },
    ]);
    expect(await asCreator.sessions.end()).toBeNull();
    expect((await asCreator.sessions.start()).session.id).not.toBe(session.id);
  });
});

describe("sessions.setGoal", () => {
  it("refuses a goal outside the rate card's 100 to 10,000,000 coins, or while not live, changing nothing", async () => {
    const { creator, asCreator } = await creatorAndFan();
    await expect(asCreator.sessions.setGoal({ coins: 500 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      cause: { code: "NOT_FOUND" },
    });
    await asCreator.sessions.start();
    for (const coins of [99, 10_000_001, 0, -5]) {
      await expect(asCreator.sessions.setGoal({ coins })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        cause: { code: "INVALID_INPUT", details: { minCoins: 100, maxCoins: 10_000_000 } },
      });
    }
    await expect(asCreator.sessions.setGoal({ coins: 150.5 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const [row] = await env.db.sql<{ goal_coins: bigint | null }[]>`
      select goal_coins from stream_sessions where creator_user_id = ${creator.user.userId}`;
    expect(row?.goal_coins).toBeNull();
    expect(await goalEvents(creator.user.userId)).toEqual([]);
  });

  it("accepts the bounds themselves, replaces the goal and announces each at once", async () => {
    const { creator, tip, asCreator } = await creatorAndFan();
    await asCreator.sessions.start();
    await tip(30);
    const set = await asCreator.sessions.setGoal({ coins: 100, title: "New mic" });
    expect(set.goal).toEqual({
      title: "New mic",
      targetCoins: 100,
      progressCoins: 30,
      reached: false,
    });
    await asCreator.sessions.setGoal({ coins: 10_000_000 });
    expect(await goalEvents(creator.user.userId)).toEqual([
      { title: "New mic", targetCoins: 100, progressCoins: 30, reached: false },
      { title: null, targetCoins: 10_000_000, progressCoins: 30, reached: false },
    ]);
  });

  it("clears the goal with a goal event without a goal, and ending a session with a goal does the same", async () => {
    const { creator, asCreator } = await creatorAndFan();
    await asCreator.sessions.start();
    await asCreator.sessions.setGoal({ coins: 200 });
    expect((await asCreator.sessions.clearGoal()).goal).toBeNull();
    await asCreator.sessions.clearGoal(); // nothing left to clear: no second event
    await asCreator.sessions.setGoal({ coins: 300 });
    await asCreator.sessions.end();
    expect(await goalEvents(creator.user.userId)).toEqual([
      { title: null, targetCoins: 200, progressCoins: 0, reached: false },
      null,
      { title: null, targetCoins: 300, progressCoins: 0, reached: false },
      null,
    ]);
    await expect(asCreator.sessions.clearGoal()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("sessions.current", () => {
  it("shows the live session's goal and progress: folded totals plus the events not folded yet", async () => {
    const { creator, tip, asCreator } = await creatorAndFan();
    const anonymous = callerFor(null);
    expect(await anonymous.sessions.current({ handle: creator.handle })).toEqual({
      handle: creator.handle,
      live: false,
      session: null,
    });
    await tip(7); // before going live: not the session's
    await asCreator.sessions.start({ title: "Cooking" });
    await asCreator.sessions.setGoal({ coins: 1_000, title: "Oven" });
    await tip(100);
    await callerFor(await createFundedPerson(env.db.sql, env.ledger, 1_000n)).gifts.send({
      idempotencyKey: randomUUID(),
      to: { url: creator.url },
      giftId: "crown",
      count: 1,
    });

    const tailOnly = await anonymous.sessions.current({ handle: creator.handle.toUpperCase() });
    expect(tailOnly).toMatchObject({
      live: true,
      session: {
        title: "Cooking",
        coins: 399,
        goal: { title: "Oven", targetCoins: 1_000, progressCoins: 399, reached: false },
      },
    });

    // The fold stops below the oldest transaction running on the whole server, so another test
    // file's open transaction may hold it back a moment: fold again until it is through.
    const foldedSessions = new Set<string>();
    await vi.waitFor(
      async () => {
        for (const id of (await foldStreamEvents(env.db.sql)).sessionIds) foldedSessions.add(id);
        expect([...foldedSessions]).toContain(tailOnly.session?.id);
      },
      { timeout: 30_000, interval: 50 },
    );
    const [totals] = await env.db.sql<{ coins: bigint }[]>`
      select coins from stream_sessions where id = ${tailOnly.session?.id ?? ""}`;
    expect(totals?.coins).toBe(399n); // now in the roll-up, and not counted twice:
    expect(await anonymous.sessions.current({ handle: creator.handle })).toEqual(tailOnly);

    await tip(601); // roll-up 399 + tail 601
    expect(await anonymous.sessions.current({ handle: creator.handle })).toMatchObject({
      session: { coins: 1_000, goal: { progressCoins: 1_000, reached: true } },
    });
    await expect(anonymous.sessions.current({ handle: "nobody-here" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("emitGoalProgress", () => {
  it("announces a goal once per change, and marks it reached the first time progress meets the target", async () => {
    const { creator, tip, asCreator } = await creatorAndFan();
    const { session } = await asCreator.sessions.start();
    await asCreator.sessions.setGoal({ coins: 100, title: "Cam" });
    await emitGoalProgress(env.db.sql, [session.id]); // nothing changed since setGoal's event
    expect(await goalEvents(creator.user.userId)).toHaveLength(1);

    await tip(60);
    await Promise.all([
      emitGoalProgress(env.db.sql, [session.id]),
      emitGoalProgress(env.db.sql, [session.id]),
      emitGoalProgress(env.db.sql, [session.id, randomUUID()]),
    ]);
    await tip(50);
    await foldStreamEvents(env.db.sql); // the fold emits, after folding
    await emitGoalProgress(env.db.sql, [session.id]);
    const [reachedRow] = await env.db.sql<{ goal_reached_at: Date | null }[]>`
      select goal_reached_at from stream_sessions where id = ${session.id}`;
    expect(reachedRow?.goal_reached_at).toBeInstanceOf(Date);

    await tip(5);
    await emitGoalProgress(env.db.sql, [session.id]);
    expect(await goalEvents(creator.user.userId)).toEqual([
      { title: "Cam", targetCoins: 100, progressCoins: 0, reached: false },
      { title: "Cam", targetCoins: 100, progressCoins: 60, reached: false },
      { title: "Cam", targetCoins: 100, progressCoins: 110, reached: true },
      { title: "Cam", targetCoins: 100, progressCoins: 115, reached: true },
    ]);
    const [stillReached] = await env.db.sql<{ goal_reached_at: Date | null }[]>`
      select goal_reached_at from stream_sessions where id = ${session.id}`;
    expect(stillReached?.goal_reached_at).toEqual(reachedRow?.goal_reached_at);

    // A goal event is public and carries no money or sender.
    const [event] = await env.db.sql<
      {
        viewer_user_id: string | null;
        transfer_id: string | null;
        coins: bigint;
        payload: object;
      }[]
    >`select viewer_user_id, transfer_id, coins, payload from stream_events
      where creator_user_id = ${creator.user.userId} and kind = 'goal' order by id desc limit 1`;
    expect(event).toMatchObject({ viewer_user_id: null, transfer_id: null, coins: 0n });
    expect(event?.payload).toMatchObject({
      creatorHandle: creator.handle,
      viewerName: "",
      coins: 0,
      giftId: null,
      count: 0,
      comboCount: 0,
      comboId: null,
      message: null,
    });
  });

  it("ignores ended sessions and sessions without a goal", async () => {
    const { creator, tip, asCreator } = await creatorAndFan();
    const { session } = await asCreator.sessions.start();
    await tip(10);
    await emitGoalProgress(env.db.sql, [session.id]);
    await asCreator.sessions.setGoal({ coins: 500 });
    await asCreator.sessions.end();
    await tip(10);
    await emitGoalProgress(env.db.sql, [session.id]);
    expect(await goalEvents(creator.user.userId)).toEqual([
      { title: null, targetCoins: 500, progressCoins: 10, reached: false },
      null,
    ]);
  });
});

describe("another creator", () => {
  it("cannot end creator A's session, set or clear A's goal, or rotate A's overlay key", async () => {
    const a = await creatorAndFan();
    const b = await creatorAndFan();
    const { session } = await a.asCreator.sessions.start();
    await a.asCreator.sessions.setGoal({ coins: 400, title: "A's goal" });
    const aOverlay = await a.asCreator.overlay.get();

    expect(await b.asCreator.sessions.end()).toBeNull();
    await expect(b.asCreator.sessions.setGoal({ coins: 100 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(b.asCreator.sessions.clearGoal()).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bOverlay = await b.asCreator.overlay.rotate();

    expect(bOverlay.url).not.toBe(aOverlay.url);
    expect(await a.asCreator.overlay.get()).toEqual(aOverlay);
    expect(await callerFor(null).sessions.current({ handle: a.creator.handle })).toMatchObject({
      live: true,
      session: { id: session.id, goal: { title: "A's goal", targetCoins: 400 } },
    });
    expect(await goalEvents(a.creator.user.userId)).toHaveLength(1);
  });
});

describe("endIdleSessions", () => {
  it("ends sessions open over 12 hours without events, at their last event, and leaves active ones", async () => {
    const quiet = await creatorAndFan();
    const busy = await creatorAndFan();
    const fresh = await creatorAndFan();
    const quietSession = (await quiet.asCreator.sessions.start()).session;
    const busySession = (await busy.asCreator.sessions.start()).session;
    const freshSession = (await fresh.asCreator.sessions.start()).session;
    await quiet.asCreator.sessions.setGoal({ coins: 100 });
    await quiet.tip(3);
    await busy.tip(3);
    const now = new Date();
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
    await env.db
      .sql`update stream_sessions set started_at = ${ago(20)} where id in ${env.db.sql([quietSession.id, busySession.id])}`;
    await env.db
      .sql`update stream_events set created_at = ${ago(13)} where session_id = ${quietSession.id}`;
    await env.db
      .sql`update stream_events set created_at = ${ago(11)} where session_id = ${busySession.id}`;

    const runs = await Promise.all([
      endIdleSessions(env.db.sql, now),
      endIdleSessions(env.db.sql, now),
    ]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await endIdleSessions(env.db.sql, now)).toBe(0);

    const ended = await env.db.sql<{ id: string; ended_at: Date | null }[]>`
      select id, ended_at from stream_sessions
      where id in ${env.db.sql([quietSession.id, busySession.id, freshSession.id])}`;
    const endedAt = new Map(ended.map((row) => [row.id, row.ended_at]));
    expect(endedAt.get(quietSession.id)).toEqual(ago(13));
    expect(endedAt.get(busySession.id)).toBeNull();
    expect(endedAt.get(freshSession.id)).toBeNull();
    // The overlay was told the quiet session's goal is gone.
    expect((await goalEvents(quiet.creator.user.userId)).at(-1)).toBeNull();
  });

  it("runs as the end-idle-sessions job", async () => {
    const { creator, asCreator } = await creatorAndFan();
    const { session } = await asCreator.sessions.start();
    await env.db
      .sql`update stream_sessions set started_at = ${new Date(Date.now() - 13 * HOUR)} where id = ${session.id}`;
    await JOBS["end-idle-sessions"]({
      sql: env.db.sql,
      ledger: env.ledger,
      payouts: new SandboxPayoutProvider(),
    });
    expect(await openSessions(creator.user.userId)).toHaveLength(0);
  });
});
