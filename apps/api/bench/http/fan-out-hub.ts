// Fan-out alone (issue 12): the stream hub and its SSE route without the gift path. Events are
// stored straight into `stream_events` at a fixed rate (each insert its own transaction, then the
// announcement the gift path sends after commit), so the figures are the hub's: latency from the
// insert's commit to each subscriber's receipt (machine-wide monotonic clock), misses and
// duplicates per subscriber, the API process's cores, and messages delivered per second.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres tsx bench/http/fan-out-hub.ts
//   BENCH_FANOUT_SUBSCRIBERS=2000 BENCH_FANOUT_RATE=200 BENCH_FANOUT_SECONDS=10 (the defaults)
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@coinstream/db/testing";
import { announceStreamEvents } from "../../src/realtime/announce-stream-events.ts";
import { monotonicMs } from "./load/monotonic-clock.ts";
import type { streamSubscribers } from "./load/stream-subscribers.ts";
import { CpuMeter, describeCores } from "./support/cpu-usage.ts";
import { seedCreator } from "./support/seed-people.ts";
import { startBenchApi } from "./support/stage.ts";
import { startWorker } from "./support/worker.ts";

const SUBSCRIBERS_MODULE = fileURLToPath(new URL("./load/stream-subscribers.ts", import.meta.url));
const HANDLE = "benchhub";
const env = process.env;
const subscribers = Number(env.BENCH_FANOUT_SUBSCRIBERS ?? 2_000);
const perSecond = Number(env.BENCH_FANOUT_RATE ?? 200);
const seconds = Number(env.BENCH_FANOUT_SECONDS ?? 10);
const adminUrl = env.DATABASE_URL;
if (!adminUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server (an admin database).");

const db = await createTestDatabase(adminUrl);
const workDir = await mkdtemp(join(tmpdir(), "coinstream-fanout-hub-"));
const api = startBenchApi({
  port: Number(env.BENCH_API_PORT ?? 3200) + 10,
  databaseUrl: db.url,
  authSecret: randomBytes(32).toString("hex"),
  logFile: join(workDir, "api.log"),
});
await api.start();
const loadGenerator = startWorker<typeof streamSubscribers>(SUBSCRIBERS_MODULE);
try {
  const creator = await seedCreator(db.sql, HANDLE);
  const count = perSecond * seconds;
  const { connected, failed } = await loadGenerator.call("connect", {
    baseUrls: [api.baseUrl],
    handle: HANDLE,
    count: subscribers,
    expected: count,
    tag: "hub",
  });
  if (failed > 0) throw new Error(`${failed} subscribers did not connect`);
  const store = async (message: string) => {
    await db.sql`
      insert into stream_events (creator_user_id, viewer_user_id, kind, transfer_id, coins, diamonds, payload)
      values (${creator.userId}, ${creator.userId}, 'tip', ${randomUUID()}, 5, 2, ${JSON.stringify({
        creatorHandle: HANDLE,
        viewerName: "Bench",
        coins: 5,
        giftId: null,
        count: 1,
        comboCount: 1,
        comboId: null,
        message,
        at: new Date().toISOString(),
      })}::text::jsonb)`;
    const committedAt = monotonicMs();
    await announceStreamEvents(db.sql, [creator.userId]);
    return committedAt;
  };
  await store("hub probe 0");
  for (let waited = 0; (await loadGenerator.call("probeSeen", 0)) < connected; waited += 100) {
    if (waited > 30_000) throw new Error("subscribers did not all receive the warm-up event");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const meter = new CpuMeter({ api: () => [api.pid], subscribers: () => [loadGenerator.pid] });
  meter.start();
  const committedAt = new Float64Array(count).fill(Number.NaN);
  const started = monotonicMs();
  const pending: Promise<void>[] = [];
  for (let seq = 0; seq < count; seq++) {
    const due = started + (seq * 1000) / perSecond;
    const wait = due - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      store(`hub seq ${seq}`).then((at) => {
        committedAt[seq] = at;
      }),
    );
  }
  await Promise.all(pending);
  const sendSeconds = (monotonicMs() - started) / 1000;
  const receipts = await loadGenerator.call(
    "collect",
    { acknowledgedAt: committedAt, waitMs: 60_000 },
    120_000,
  );
  const cores = meter.stop();
  await loadGenerator.call("close", undefined);
  const delivered = connected * count - receipts.missed - receipts.undelivered;
  console.log(
    `fan-out hub: ${connected} subscribers x ${perSecond} events/s for ${seconds} s (stored in ${sendSeconds.toFixed(1)} s)`,
  );
  console.log(
    `  latency from commit: p50 ${receipts.latency.p50.toFixed(1)} ms, p99 ${receipts.latency.p99.toFixed(1)} ms, max ${receipts.latency.max.toFixed(1)} ms`,
  );
  console.log(
    `  missed ${receipts.missed}, undelivered ${receipts.undelivered}, duplicates ${receipts.duplicates}, streams ended early ${receipts.endedEarly}`,
  );
  console.log(
    `  delivered ${delivered.toLocaleString("en")} messages, ${Math.round(delivered / sendSeconds).toLocaleString("en")}/s; generator loop delay p99 ${receipts.generatorLoopDelayP99Ms.toFixed(1)} ms`,
  );
  console.log(`  CPU: ${describeCores(cores)}`);
} finally {
  await loadGenerator.stop();
  await api.stop();
  await db.drop();
  await rm(workDir, { recursive: true, force: true });
}
