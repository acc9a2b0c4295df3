import { randomUUID } from "node:crypto";
import { checkLedger, connect, createLedger, type Ledger, type Sql } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import {
  createCreator,
  createFundedPerson,
  createPerson,
  ensurePlatformAccounts,
  fundWallet,
} from "../test-support/people.ts";
import { createTestCaller } from "../test-support/test-context.ts";
import { tipEvent } from "../test-support/tip-event.ts";
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

type Item = StreamEvent | { kind: "connected" | "reset" };
const ids = new WeakMap<StreamEvent, string>();

/**
 * Follows a subscription (each item `tracked`: [cursor, item]) until it has `n` events
 * (`connected` and `reset` are not events; a combo read together counts once per gift), then
 * leaves it. `joined` settles at its `connected` item, from when what commits comes live (or
 * when it ended: `all` then tells how); `events` fills as they arrive; `all` is all `n`.
 */
function follow(iterable: unknown, n: number) {
  const events: StreamEvent[] = [];
  let isJoined = () => {};
  const joined = new Promise<void>((resolve) => (isJoined = resolve));
  const all = (async () => {
    let gifts = 0;
    try {
      for await (const [id, item] of iterable as AsyncIterable<[string, Item]>) {
        expect(id).toMatch(/^c1\.|^\d+$/);
        if (item.kind === "connected") isJoined();
        if (!("id" in item)) continue;
        ids.set(item, id);
        events.push(item);
        gifts += 1 + ((item as { merged?: unknown[] }).merged?.length ?? 0);
        if (gifts >= n) break;
      }
      return events;
    } finally {
      isJoined();
    }
  })();
  return { joined, events, all };
}

/** Collects `n` events from a subscription, then leaves it (see `follow`). */
const take = (iterable: unknown, n: number) => follow(iterable, n).all;

/** A tip event on the creator's stream from a viewer named Vera. */
async function tipsOnStream() {
  const viewer = await createPerson(db.sql);
  const target = await createCreator(db.sql);
  const event = (message: string) =>
    tipEvent(message, {
      creatorUserId: target.user.userId,
      creatorHandle: target.handle,
      viewerId: viewer.userId,
      viewerName: "Vera",
    });
  return { target, event };
}

/** Writes the event in a transaction held open (its id is taken now) until `commit` is called. */
async function holdOpen(event: Parameters<typeof recordStreamEvent>[1]) {
  let commit = () => {};
  const held = new Promise<void>((resolve) => (commit = resolve));
  let written = () => {};
  const isWritten = new Promise<void>((resolve) => (written = resolve));
  const committed = db.sql.begin(async (tx) => {
    await recordStreamEvent(tx as unknown as Sql, event);
    written();
    await held;
  });
  await isWritten;
  return { commit, committed };
}

describe("streams.events", () => {
  it("delivers gifts sent through another API process, with combos, in order and once", async () => {
    const viewer = await createPerson(db.sql, { name: "Vera" });
    const target = await createCreator(db.sql);
    await fundWallet(db.sql, ledger, viewer, 1_000n);

    const received = follow(
      await processA(null).streams.events({ to: { handle: target.handle } }),
      3,
    );
    await received.joined;
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

    // The two roses are one combo: read together, they come as one event naming the first.
    const events = await received.all;
    const gifts = events.flatMap((e) => [
      ...((e as { merged?: { id: string }[] }).merged ?? []).map((m) => ["Vera", "rose", m.id]),
      [e.viewerName, e.giftId, e.comboCount],
    ]);
    expect(gifts.map((g) => g.slice(0, 2))).toEqual([
      ["Vera", "rose"],
      ["Vera", "rose"],
      ["Vera", "heart"],
    ]);
    expect(events.at(-1)?.giftId).toBe("heart");
    expect(events.find((e) => e.giftId === "rose" && e.comboCount === 3)).toBeDefined();
  });

  it("starts a first connection from now, without replaying the stream's past", async () => {
    const viewer = await createPerson(db.sql);
    const target = await createCreator(db.sql);
    await fundWallet(db.sql, ledger, viewer, 1_000n);
    const tip = tipsFrom(viewer, target.handle);
    await tip("before anyone watched");

    const received = follow(
      await processA(null).streams.events({ to: { handle: target.handle } }),
      1,
    );
    await received.joined;
    await tip("live");
    expect((await received.all).map((e) => e.message)).toEqual(["live"]);
  });

  it("delivers an event whose transaction commits after a later event's", async () => {
    const { target, event } = await tipsOnStream();
    const received = follow(
      await processA(null).streams.events({ to: { handle: target.handle } }),
      2,
    );
    await received.joined;

    // The first event takes the lower id but commits only after the second one has.
    const first = await holdOpen(event("lower id, committed last"));
    await recordStreamEvent(db.sql, event("higher id, committed first"));
    // Committed once the later event has gone out (a read that sees both sends them in id order).
    await vi.waitFor(() => expect(received.events).toHaveLength(1), {
      timeout: 10_000,
      interval: 20,
    });
    first.commit();
    await first.committed;

    const events = await received.all;
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
    const first = follow(await processA(null).streams.events({ to: { handle: target.handle } }), 1);
    await first.joined;
    await tip("one");
    const seen = await first.all;
    expect(seen.map((e) => e.message)).toEqual(["one"]);

    await tip("two"); // both sent while disconnected
    await tip("three");
    const resumed = await take(
      await processB(null).streams.events({
        to: { handle: target.handle },
        lastEventId: ids.get(seen[0] as StreamEvent) ?? null,
      }),
      2,
    );
    expect(resumed.map((e) => e.message)).toEqual(["two", "three"]);
  });

  it("resumes by cursor past an event whose transaction committed after the client left", async () => {
    const { target, event } = await tipsOnStream();
    // The lower id is written first and held open; the higher id commits and is seen.
    const first = await holdOpen(event("lower id, committed late"));
    const seen = follow(await processA(null).streams.events({ to: { handle: target.handle } }), 1);
    await seen.joined;
    await recordStreamEvent(db.sql, event("higher id"));
    const [higher] = await seen.all;
    const cursor = ids.get(higher as StreamEvent) ?? "";
    expect(cursor).toMatch(/^c1\./);
    // Gone; then the older transaction commits. An id-based resume (after "higher id") skips it.
    first.commit();
    await first.committed;
    const resumed = await take(
      await processB(null).streams.events({ to: { handle: target.handle }, lastEventId: cursor }),
      1,
    );
    expect(resumed.map((e) => e.message)).toEqual(["lower id, committed late"]);

    // An old numeric id is still accepted: events with a higher id follow it.
    await recordStreamEvent(db.sql, event("after the old id"));
    const byId = await take(
      await processB(null).streams.events({
        to: { handle: target.handle },
        lastEventId: higher?.id ?? null,
      }),
      1,
    );
    expect(byId.map((e) => e.message)).toEqual(["after the old id"]);
    await expect(
      processB(null).streams.events({ to: { handle: target.handle }, lastEventId: "c2.x" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
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
      await createFundedPerson(db.sql, ledger, 1_000n, { name: "Ana" }),
      await createFundedPerson(db.sql, ledger, 1_000n, { name: "Ben" }),
    ];
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
