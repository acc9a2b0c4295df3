import { randomUUID } from "node:crypto";
import { checkLedger, connect, createLedger, type Ledger, type Sql } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createCreator,
  createPerson,
  ensurePlatformAccounts,
  fundWallet,
} from "../test-support/people.ts";
import { createTestCaller } from "../test-support/test-context.ts";
import { tipEvent } from "../test-support/tip-event.ts";
import type { Viewer } from "../trpc/context.ts";
import { recordStreamEvent } from "./record-stream-event.ts";
import type { StreamEvent } from "./stream-event.ts";
import { StreamEventHub } from "./stream-event-hub.ts";

let db: TestDatabase;
let ledger: Ledger;
let otherSql: Sql;
let hubA: StreamEventHub;
let hubB: StreamEventHub;

beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  ledger = createLedger(db.sql);
  await ensurePlatformAccounts(db.sql);
  // A second API process: its own connections and its own LISTEN.
  otherSql = connect(db.url, 4);
  hubA = new StreamEventHub(db.sql);
  hubB = new StreamEventHub(otherSql);
  await Promise.all([hubA.start(), hubB.start()]);
});
afterAll(async () => {
  await Promise.all([hubA.stop(), hubB.stop()]);
  await otherSql.end();
  expect(await checkLedger(db.sql)).toEqual([]);
  await db.drop();
});

const processA = (who: Viewer | null) =>
  createTestCaller({ sql: db.sql, ledger, events: hubA }, who);
const processB = (who: Viewer | null) => createTestCaller({ sql: otherSql, events: hubB }, who);

/** Sends 5-coin tips with `message` from `viewer` to the creator with `handle`. */
const tipsFrom = (viewer: Viewer, handle: string) => (message: string) =>
  processA(viewer).tips.send({ idempotencyKey: randomUUID(), to: { handle }, coins: 5, message });

/** Collects `n` events from a subscription (each `tracked`: [id, event]), then leaves it. */
async function take(iterable: unknown, n: number): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const item of iterable as AsyncIterable<[string, StreamEvent]>) {
    const [id, event] = item;
    expect(id).toBe(event.id);
    events.push(event);
    if (events.length === n) break;
  }
  return events;
}

describe("streams.events", () => {
  it("delivers gifts sent through another API process, with combos, in order and once", async () => {
    const viewer = await createPerson(db.sql, { name: "Vera" });
    const target = await createCreator(db.sql);
    await fundWallet(db.sql, ledger, viewer, 1_000n);

    const received = take(
      await processA(null).streams.events({ to: { handle: target.handle } }),
      3,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const send = (giftId: string, count: number) =>
      processB(viewer).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        giftId,
        count,
      });
    await send("rose", 1);
    await send("rose", 2);
    await send("heart", 1);

    const events = await received;
    expect(events.map((e) => [e.viewerName, e.giftId, e.count, e.comboCount])).toEqual([
      ["Vera", "rose", 1, 1],
      ["Vera", "rose", 2, 3],
      ["Vera", "heart", 1, 1],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it("starts a first connection from now, without replaying the stream's past", async () => {
    const viewer = await createPerson(db.sql);
    const target = await createCreator(db.sql);
    await fundWallet(db.sql, ledger, viewer, 1_000n);
    const tip = tipsFrom(viewer, target.handle);
    await tip("before anyone watched");

    const received = take(
      await processA(null).streams.events({ to: { handle: target.handle } }),
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await tip("live");
    expect((await received).map((e) => e.message)).toEqual(["live"]);
  });

  it("delivers an event whose transaction commits after a later event's", async () => {
    const viewer = await createPerson(db.sql);
    const target = await createCreator(db.sql);
    const event = (message: string) =>
      tipEvent(message, {
        creatorUserId: target.user.userId,
        creatorHandle: target.handle,
        viewerId: viewer.userId,
        viewerName: "Vera",
      });
    const received = take(
      await processA(null).streams.events({ to: { handle: target.handle } }),
      2,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    // The first event takes the lower id but commits only after the second one has.
    let commitFirst = () => {};
    const held = new Promise<void>((resolve) => (commitFirst = resolve));
    let firstWritten = () => {};
    const written = new Promise<void>((resolve) => (firstWritten = resolve));
    const first = db.sql.begin(async (tx) => {
      await recordStreamEvent(tx as unknown as Sql, event("lower id, committed last"));
      firstWritten();
      await held;
    });
    await written;
    await recordStreamEvent(db.sql, event("higher id, committed first"));
    // Committed once the later event has gone out (a read that sees both sends them in id order).
    await new Promise((resolve) => setTimeout(resolve, 300));
    commitFirst();
    await first;

    const events = await received;
    expect(events.map((e) => e.message)).toEqual([
      "higher id, committed first",
      "lower id, committed last",
    ]);
    expect(BigInt(events[1]?.id ?? 0)).toBeLessThan(BigInt(events[0]?.id ?? 0));
  });

  it("resumes after the last event seen without loss or duplicates when a client reconnects", async () => {
    const viewer = await createPerson(db.sql);
    const target = await createCreator(db.sql);
    await fundWallet(db.sql, ledger, viewer, 1_000n);
    const tip = tipsFrom(viewer, target.handle);
    const first = take(await processA(null).streams.events({ to: { handle: target.handle } }), 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await tip("one");
    const seen = await first;
    expect(seen.map((e) => e.message)).toEqual(["one"]);

    await tip("two"); // both sent while disconnected
    await tip("three");
    const resumed = await take(
      await processB(null).streams.events({
        to: { handle: target.handle },
        lastEventId: seen[0]?.id ?? null,
      }),
      2,
    );
    expect(resumed.map((e) => e.message)).toEqual(["two", "three"]);
  });

  it("records one event when a gift is retried with the same key", async () => {
    const viewer = await createPerson(db.sql);
    const target = await createCreator(db.sql);
    await fundWallet(db.sql, ledger, viewer, 100n);
    const request = {
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      giftId: "gg",
      count: 1,
    };
    await processA(viewer).gifts.send(request);
    await processB(viewer).gifts.send(request);
    const [row] = await db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from stream_events where creator_user_id = ${target.user.userId}`;
    expect(row?.n).toBe(1n);
  });
});

describe("streams.leaderboard", () => {
  it("ranks supporters by coins given, by name only, when several viewers gift", async () => {
    const target = await createCreator(db.sql);
    const [ana, ben] = [
      await createPerson(db.sql, { name: "Ana" }),
      await createPerson(db.sql, { name: "Ben" }),
    ];
    await fundWallet(db.sql, ledger, ana, 1_000n);
    await fundWallet(db.sql, ledger, ben, 1_000n);
    const tip = (who: Viewer, coins: number) =>
      processA(who).tips.send({
        idempotencyKey: randomUUID(),
        to: { handle: target.handle },
        coins,
      });
    await tip(ana, 30);
    await tip(ben, 100);
    await tip(ana, 80);
    const board = await processB(null).streams.leaderboard({
      to: { url: target.url },
      period: "all",
    });
    expect(board.entries).toEqual([
      { rank: 1, name: "Ana", coins: 110, gifts: 2 },
      { rank: 2, name: "Ben", coins: 100, gifts: 1 },
    ]);
    expect(JSON.stringify(board)).not.toContain(ana.userId);
  });
});
