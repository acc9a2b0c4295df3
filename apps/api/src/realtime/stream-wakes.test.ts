import { createConnection } from "node:net";
import { connect, type Sql } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { tipEvent } from "../test-support/tip-event.ts";
import { setStreamEventAnnouncer } from "./announce-stream-events.ts";
import { recordStreamEvent } from "./record-stream-event.ts";
import { StreamEventHub } from "./stream-event-hub.ts";
import { NatsWakes, NotifyWakes, type StreamWakes } from "./stream-wakes.ts";

const NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
/** Hubs that never poll: whatever arrives, a wake brought. */
const NO_POLL_MS = 600_000;

async function isReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 4222) });
    const answer = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(1_000);
    socket.once("connect", () => answer(true));
    socket.once("error", () => answer(false));
    socket.once("timeout", () => answer(false));
  });
}

const natsReachable = await isReachable(NATS_URL);
if (!natsReachable) {
  console.warn(`NATS is not reachable at ${NATS_URL}: the NATS case is skipped (CI runs it).`);
}

let db: TestDatabase;
let otherSql: Sql;
beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  // A second API process: its own connections.
  otherSql = connect(db.url, 2);
});
afterAll(async () => {
  setStreamEventAnnouncer(null);
  await otherSql.end();
  await db.drop();
});

/** Two hubs as two processes would run them; a tip stored through the first reaches the second. */
async function deliversAcrossProcesses(wakes: (sql: Sql) => StreamWakes, announce: boolean) {
  const writerWakes = wakes(db.sql);
  const writer = new StreamEventHub(db.sql, { wakes: writerWakes, pollMs: NO_POLL_MS });
  const reader = new StreamEventHub(otherSql, { wakes: wakes(otherSql), pollMs: NO_POLL_MS });
  await Promise.all([writer.start(), reader.start()]);
  if (announce) setStreamEventAnnouncer(writerWakes);
  try {
    const creator = `creator-${crypto.randomUUID()}`;
    const received: (string | null)[] = [];
    await new Promise<void>((joined) =>
      reader.subscribe(creator, (event) => received.push(event.message), joined),
    );
    const started = performance.now();
    for (const message of ["one", "two"]) {
      await recordStreamEvent(
        db.sql,
        tipEvent(message, {
          creatorUserId: creator,
          creatorHandle: "hub",
          viewerId: "viewer",
          viewerName: "Viewer",
        }),
      );
    }
    await vi.waitFor(() => expect(received).toEqual(["one", "two"]), {
      timeout: 5_000,
      interval: 10,
    });
    return performance.now() - started;
  } finally {
    setStreamEventAnnouncer(null);
    await Promise.all([writer.stop(), reader.stop()]);
  }
}

describe("stream wakes", () => {
  it("carry an event to another process's hub through NOTIFY sent after commit", async () => {
    const ms = await deliversAcrossProcesses((sql) => new NotifyWakes(sql), false);
    expect(ms).toBeLessThan(5_000);
  });

  it.skipIf(!natsReachable)(
    "carry an event to another process's hub through NATS when NATS_URL is set",
    async () => {
      const ms = await deliversAcrossProcesses(() => new NatsWakes(NATS_URL), true);
      expect(ms).toBeLessThan(5_000);
    },
  );
});
