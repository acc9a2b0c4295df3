import type { AddressInfo } from "node:net";
import type { Sql } from "@coinstream/db";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCreator, createPerson } from "../test-support/people.ts";
import { SseReader } from "../test-support/sse-reader.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { tipEvent } from "../test-support/tip-event.ts";
import { announceStreamEvents } from "./announce-stream-events.ts";
import { recordStreamEvent } from "./record-stream-event.ts";
import { StreamEventHub } from "./stream-event-hub.ts";
import { mountStreamEvents } from "./stream-events-route.ts";

const env = useTestLedger();
/** A small bound, so a paused client is cut off after little data beyond the kernel's buffers. */
const MAX_QUEUED_BYTES = 64 * 1024;
let hub: StreamEventHub;
let server: ServerType;
let base: string;
beforeAll(async () => {
  hub = new StreamEventHub(env.db.sql);
  await hub.start();
  const app = mountStreamEvents(new Hono(), {
    sql: env.db.sql,
    events: hub,
    maxQueuedBytes: MAX_QUEUED_BYTES,
  });
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub.stop();
  await new Promise((resolve) => server.close(resolve));
});

async function stream() {
  const creator = await createCreator(env.db.sql);
  const viewer = await createPerson(env.db.sql, { name: "Vera" });
  const event = (message: string) =>
    tipEvent(message, {
      creatorUserId: creator.user.userId,
      creatorHandle: creator.handle,
      viewerId: viewer.userId,
      viewerName: "Vera",
    });
  const tip = (message: string, sql: Sql = env.db.sql) => recordStreamEvent(sql, event(message));
  /** A reader of the stream, once the hub has joined it (a paused one cannot tell: at once). */
  const connect = async (lastEventId?: string, options: { paused?: boolean } = {}) => {
    const reader = new SseReader(
      `${base}/streams/${creator.handle}/events`,
      lastEventId ? { "Last-Event-ID": lastEventId } : {},
      options,
    );
    await reader.open();
    if (!options.paused) await reader.untilConnected();
    return reader;
  };
  return { creator, viewer, event, tip, connect };
}

/**
 * A reader that joined a fresh stream, and the one event it got for these roses of one combo,
 * stored in one transaction and then announced (so read in one tick).
 */
async function readCombo(roses: readonly { message: string; entrance?: string | null }[]) {
  const { creator, event, connect, tip } = await stream();
  const reader = await connect();
  await env.db.sql.begin(async (tx) => {
    for (const { message, entrance } of roses) {
      await recordStreamEvent(tx as unknown as Sql, {
        ...event(message),
        kind: "gift",
        giftId: "rose",
        coins: 1,
        entrance: entrance ?? null,
      });
    }
  });
  await announceStreamEvents(env.db.sql, [creator.user.userId]);
  await reader.until(() => reader.events().length === 1, "the combo");
  return { reader, tip };
}

const messages = (reader: SseReader) => reader.events().map((event) => event.message);
/** Waits until `assertion` passes (for what no reader shows). */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 20 });

const LAST = "the last event";
/**
 * Sends one more tip and waits until every reader has it. The hub writes a stream's events to a
 * reader in order, so anything it sent before (a duplicate, a stray event) has arrived by then.
 */
async function untilLast(tip: (message: string) => Promise<void>, readers: readonly SseReader[]) {
  await tip(LAST);
  for (const reader of readers) {
    await reader.until(() => messages(reader).at(-1) === LAST, LAST);
  }
}

/** A transaction that stores `message` now and commits when the returned `commit` is called. */
async function heldTip(tip: (message: string, sql: Sql) => Promise<void>, message: string) {
  let commit = () => {};
  const held = new Promise<void>((resolve) => (commit = resolve));
  let written = () => {};
  const isWritten = new Promise<void>((resolve) => (written = resolve));
  const done = env.db.sql.begin(async (tx) => {
    await tip(message, tx as unknown as Sql);
    written();
    await held;
  });
  await isWritten;
  return {
    commit: async () => {
      commit();
      await done;
    },
  };
}

describe("GET /streams/:handle/events", () => {
  it("replays exactly what was missed after Last-Event-ID when a transaction that started earlier commits after a later one", async () => {
    const { tip, connect, creator } = await stream();
    const watcher = await connect();
    const leaver = await connect();

    // The first transaction takes the lower id; the second starts later and commits first.
    const early = await heldTip(tip, "started first, committed last");
    await tip("started second, committed first");
    await leaver.until(() => messages(leaver).length === 1, "the first commit");
    leaver.close();
    const leftAt = leaver.lastEventId() as string;
    // Resumed before the late transaction commits: it comes live.
    const resumedEarly = await connect(leftAt);
    await early.commit();
    await tip("after both");
    // Resumed after everything committed: the late one is replayed, the one it had is not.
    const resumedLate = await connect(leftAt);

    await untilLast(tip, [watcher, resumedEarly, resumedLate]);
    const expected = ["started first, committed last", "after both", LAST];
    expect(messages(resumedEarly)).toEqual(expected);
    expect(messages(resumedLate)).toEqual(expected);
    expect(messages(watcher)).toEqual(["started second, committed first", ...expected]);
    const [lower, higher] = await env.db.sql<{ id: bigint }[]>`
      select id from stream_events where creator_user_id = ${creator.user.userId} order by id limit 2`;
    expect(resumedLate.events()[0]?.id).toBe(String(lower?.id));
    expect(watcher.events()[0]?.id).toBe(String(higher?.id));
    for (const reader of [watcher, resumedEarly, resumedLate]) reader.close();
  });

  it("resumes from any event's id, each event once, whatever id the client stopped at", async () => {
    const { tip, connect } = await stream();
    const watcher = await connect();
    const late = await heldTip(tip, "late");
    for (const message of ["a", "b", "c"]) await tip(message);
    await watcher.until(() => messages(watcher).length === 3, "three events");
    await late.commit();
    await tip("d");
    await watcher.until(() => messages(watcher).length === 5, "five events");
    const all = messages(watcher);
    const ids = watcher.blocks.filter((b) => b.event === undefined).map((b) => b.id as string);
    for (const [index, id] of ids.entries()) {
      const resumed = await connect(id);
      // Exactly the events after it (a replay goes in id order, so "late" may come sooner).
      expect(messages(resumed).sort()).toEqual(all.slice(index + 1).sort());
      resumed.close();
    }
    watcher.close();
  });

  it("writes the same bytes to every subscriber of a stream", async () => {
    const { tip, connect } = await stream();
    const readers = [await connect(), await connect(), await connect()];
    for (const message of ["one", "two", "three"]) await tip(message);
    for (const reader of readers) {
      await reader.until(() => messages(reader).length === 3, "three events");
    }
    const after = (reader: SseReader) => reader.bytes.slice(reader.bytes.indexOf('data: {"'));
    expect(new Set(readers.map(after)).size).toBe(1);
    for (const reader of readers) reader.close();
  });

  it("cuts off a subscriber that leaves too much unread, ending with a resumable id that replays exactly the rest", async () => {
    const { tip, connect, creator } = await stream();
    // A listener in the hub: it is handed each read's events as the slow reader is written them.
    let delivered = 0;
    const leave = hub.subscribe(creator.user.userId, () => {
      delivered += 1;
    });
    const slow = await connect(undefined, { paused: true });
    // A paused reader cannot see its `connected` event: the hub's count says both joined.
    await until(() => expect(hub.subscriberCount(creator.user.userId)).toBe(2));
    const padding = "x".repeat(64 * 1024);
    const sent: string[] = [];
    // Separate frames, far more than the socket buffers hold: 15 MB.
    for (let round = 0; round < 24; round++) {
      for (let i = 0; i < 10; i++) {
        const message = `${round}-${i} ${padding}`;
        sent.push(message);
        await tip(message);
      }
      await until(() => expect(delivered).toBe(sent.length));
    }
    // Cut off, the slow reader is fed no more.
    expect(hub.subscriberCount(creator.user.userId)).toBe(1);
    leave();
    slow.response?.resume();
    await slow.until(() => slow.ended, "the server to end the cut-off response", 20_000);
    const got = messages(slow);
    expect(slow.bytes).toContain(": too slow");
    expect(got.length).toBeLessThan(sent.length);
    expect(got).toEqual(sent.slice(0, got.length));

    // Joined: the replay came before its `connected` event, in the same frame.
    const resumed = await connect(slow.lastEventId());
    expect([...got, ...messages(resumed)]).toEqual(sent);
    resumed.close();
  });

  it("sends a combo's gifts read in one tick as one event that names the others", async () => {
    const { reader, tip } = await readCombo([
      { message: "x1" },
      { message: "x2" },
      { message: "x3" },
    ]);
    // Nothing of the combo comes after it.
    await untilLast(tip, [reader]);
    const [combo, ...rest] = reader.events<{
      comboCount: number;
      message: string;
      merged: { message: string }[];
    }>();
    expect(rest.map((event) => event.message)).toEqual([LAST]);
    expect(combo?.comboCount).toBe(3);
    expect(combo?.message).toBe("x3");
    expect(combo?.merged.map((event) => event.message)).toEqual(["x1", "x2"]);
    reader.close();
  });

  it("keeps the entrance of a combo's first gift on the one event the combo is sent as", async () => {
    const { reader } = await readCombo([
      { message: "x1", entrance: "sparkle" },
      { message: "x2", entrance: null },
    ]);
    const [combo] = reader.events<{ message: string; entrance?: string; merged: unknown[] }>();
    expect(combo).toMatchObject({ message: "x2", entrance: "sparkle" });
    expect(combo?.merged).toHaveLength(1);
    reader.close();
  });

  it("is public and carries no user ids; an unknown handle is 404 and a foreign Last-Event-ID 400", async () => {
    const { tip, connect, viewer, creator } = await stream();
    const reader = await connect();
    expect(reader.response?.headers["access-control-allow-origin"]).toBe("*");
    await tip("hello");
    await reader.until(() => reader.events().length === 1, "the event");
    expect(reader.bytes).not.toContain(viewer.userId);
    expect(reader.bytes).not.toContain(creator.user.userId);
    reader.close();

    expect((await fetch(`${base}/streams/nobody-here/events`)).status).toBe(404);
    const foreign = await fetch(`${base}/streams/${creator.handle}/events`, {
      headers: { "Last-Event-ID": "not-an-id" },
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ error: expect.stringMatching(/without it/) });
  });
});
