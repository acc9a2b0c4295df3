import { randomUUID } from "node:crypto";
import { connect, type Sql } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { tipEvent } from "../test-support/tip-event.ts";
import { recordStreamEvent } from "./record-stream-event.ts";
import { StreamEventHub } from "./stream-event-hub.ts";

let db: TestDatabase;
let admin: Sql;
/** The test's writes, on one connection opened up front: it works while new ones are refused. */
let writer: Sql;
beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  admin = connect(inject("adminUrl"), 1);
  writer = connect(db.url, 1);
  await writer`select 1`;
});
afterAll(async () => {
  await allowConnections(true);
  await writer.end();
  await admin.end();
  await db.drop();
});

/** Whether the server accepts new connections to the test database (as while it restarts). */
async function allowConnections(allowed: boolean): Promise<void> {
  const name = new URL(db.url).pathname.slice(1);
  await admin.unsafe(`alter database "${name}" with allow_connections ${allowed}`);
}

/** A 5-coin tip event on `creator`'s stream, stored and announced as a real tip is. */
const tip = (creator: string, message: string, sql: Sql = writer) =>
  recordStreamEvent(
    sql,
    tipEvent(message, {
      creatorUserId: creator,
      creatorHandle: "hub",
      viewerId: "viewer",
      viewerName: "Viewer",
    }),
  );

async function until(condition: () => boolean, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** Ends the hub's LISTEN connection from the server side, as a database restart does. */
const cutListenConnection = () => writer`
  select pg_terminate_backend(pid) from pg_stat_activity
  where datname = current_database() and query ilike 'listen %'`;

/**
 * A started hub whose subscriber to a fresh creator's stream collects event messages. Its
 * periodic read is an hour away, so only wakes and the LISTEN's recovery can deliver.
 */
async function withHub(
  checkEveryMs: number,
  test: (creator: string, received: (string | null)[], hub: StreamEventHub) => Promise<void>,
): Promise<void> {
  const hub = new StreamEventHub(db.sql, { checkEveryMs, pollMs: 3_600_000 });
  await hub.start();
  const creator = `creator-${randomUUID()}`;
  const received: (string | null)[] = [];
  let joined = () => {};
  const hasJoined = new Promise<void>((resolve) => (joined = resolve));
  const unsubscribe = hub.subscribe(creator, (event) => received.push(event.message), joined);
  // Events committed after the hub's next read reach the subscriber.
  await hasJoined;
  try {
    await test(creator, received, hub);
  } finally {
    unsubscribe();
    await hub.stop();
  }
}

describe("StreamEventHub", () => {
  it("counts a subscriber from the read it joins at until it leaves", async () => {
    await withHub(1_000, async (creator, _received, hub) => {
      expect(hub.subscriberCount(creator)).toBe(1);
      const leave = hub.subscribe(creator, () => {});
      expect(hub.subscriberCount(creator)).toBe(1);
      await until(() => hub.subscriberCount(creator) === 2, "the second subscriber to join");
      leave();
      expect(hub.subscriberCount(creator)).toBe(1);
      expect(hub.subscriberCount(`creator-${randomUUID()}`)).toBe(0);
    });
  });

  it("delivers what was committed while its LISTEN was gone, then live events, each once and in order, when the database refused connections for a while", async () => {
    await withHub(100, async (creator, received) => {
      await tip(creator, "before");
      await until(() => received.length === 1, "the first event");

      // Reconnecting fails at first (postgres.js gives up on its own), as during a restart.
      await allowConnections(false);
      await cutListenConnection();
      await tip(creator, "while cut 1");
      await tip(creator, "while cut 2");
      // Kept: an absence (nothing arrives while the LISTEN is gone) has no condition to poll.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(received).toEqual(["before"]);
      await allowConnections(true);

      await until(() => received.length === 3, "the missed events");
      await tip(creator, "after");
      // No event arrives twice: a duplicate from any earlier read would come before the last.
      await tip(creator, "last");
      await until(() => received.at(-1) === "last", "the last event");
      expect(received).toEqual(["before", "while cut 1", "while cut 2", "after", "last"]);
    });
  });

  it("catches up on an event that took its id before a delivered one and committed while the LISTEN was gone", async () => {
    await withHub(100, async (creator, received) => {
      let commitLate = () => {};
      const held = new Promise<void>((resolve) => (commitLate = resolve));
      let lateWritten = () => {};
      const written = new Promise<void>((resolve) => (lateWritten = resolve));
      const late = db.sql.begin(async (tx) => {
        await tip(creator, "late", tx as unknown as Sql);
        lateWritten();
        await held;
      });
      await written;
      await tip(creator, "early");
      await until(() => received.length === 1, "the event committed first");

      await allowConnections(false);
      await cutListenConnection();
      commitLate();
      await late;
      // Kept: time is the point. Three 100 ms heartbeats go unanswered, then a reopen is refused.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await allowConnections(true);

      await until(() => received.length === 2, "the event committed late");
      // No event arrives twice: a duplicate from any earlier read would come before the last.
      await tip(creator, "last");
      await until(() => received.at(-1) === "last", "the last event");
      expect(received).toEqual(["early", "late", "last"]);
    });
  });

  it("catches up on what was committed between a cut and postgres.js listening again by itself", async () => {
    await withHub(60_000, async (creator, received) => {
      await cutListenConnection();
      await tip(creator, "one");
      await tip(creator, "two");
      await until(() => received.length === 2, "both events");
      await tip(creator, "three");
      await until(() => received.length === 3, "the live event");
      expect(received).toEqual(["one", "two", "three"]);
    });
  });
});
