import { connect } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { ApiProcess, choosePort } from "@coinstream/test-harness";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { untilWaitingOnLock } from "../test-support/lock-waits.ts";
import { SseReader } from "../test-support/sse-reader.ts";

let db: TestDatabase;
let server: ApiProcess | undefined;
beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
});
afterEach(() => server?.stop());
afterAll(() => db.drop());

/** `src/server.ts` as `pnpm start` runs it, with its output collected. The stream followed below is the demo creator's (@nova). */
async function startServer(workers: number): Promise<ApiProcess> {
  server = new ApiProcess({
    port: await choosePort(),
    databaseUrl: db.url,
    workers,
    readyTimeoutMs: 150_000,
  });
  await server.start();
  return server;
}

describe("SIGTERM", () => {
  it.each([1, 2])(
    "lets a request in flight finish, ends SSE streams with a resumable id and exits 0 without a stack dump (API_WORKERS=%i)",
    async (workers) => {
      const api = await startServer(workers);
      const sse = new SseReader(`${api.baseUrl}/streams/nova/events`);
      await sse.open();
      await sse.untilConnected();

      // A request held in flight: its query waits on a lock this test holds.
      const admin = connect(db.url, 1);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const lock = admin.begin(async (tx) => {
        await tx`lock table creators in access exclusive mode`;
        locked();
        await held;
      });
      await isLocked;
      const inFlight = fetch(`${api.baseUrl}/overlay/${"A".repeat(32)}/state`);
      // In flight once its query waits on the lock.
      await untilWaitingOnLock(db.sql);

      api.signal("SIGTERM");
      // The behaviour under test: half a second after SIGTERM the server still waits for the
      // request in flight rather than exiting (no condition to poll for: it is an absence).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(api.isRunning).toBe(true);
      release();
      await lock;
      await admin.end();
      expect((await inFlight).status).toBe(404);

      expect(await api.exited).toBe(0);
      await sse.until(() => sse.ended, "the SSE stream to end");
      expect(sse.lastEventId()).toMatch(/^c1\./);
      expect(api.stderr()).not.toMatch(/^\s+at /m);
      expect(api.stderr()).not.toMatch(/error/i);
    },
    240_000,
  );
});
