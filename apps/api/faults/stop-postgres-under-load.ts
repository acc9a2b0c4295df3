// Fault: stop PostgreSQL with an immediate shutdown (`pg_ctl stop -m immediate`: every backend
// dies, no checkpoint) while viewers send gifts and a subscriber watches the stream, keep the
// load on, then start it again on the same data directory and port. The API is never restarted.
// Proves the API answers cleanly while the database is gone (503 SERVICE_UNAVAILABLE, /health
// 503 "down", no hang, no crash), recovers by itself (ledger, sessions, jobs, the stream's
// LISTEN), and that nothing acknowledged is lost or doubled.
//
//   pnpm --filter @coinstream/api fault:pg-stop [--short]
import { randomUUID } from "node:crypto";
import { sleep, waitFor } from "@coinstream/test-harness";
import { formatTally } from "./support/findings.ts";
import { GiftLoad } from "./support/gift-load.ts";
import { isShort, runScenario, step } from "./support/scenario.ts";
import { CREATOR_HANDLE, openStage } from "./support/stage.ts";
import { StreamSubscriber } from "./support/stream-subscriber.ts";
import { callProcedure, describeOutcome } from "./support/trpc-call.ts";
import { verifyGifts } from "./support/verify-gifts.ts";

const PLAN = isShort
  ? { people: 24, outages: 2, outageMs: 2_000, loadMs: 2_500 }
  : { people: 64, outages: 5, outageMs: 10_000, loadMs: 8_000 };
/** Gifts sent one at a time after the last recovery, each of which both watchers must see. */
const PROBE_GIFTS = 5;
/** An answer slower than this while the database is down counts as a hang. */
const HANG_MS = 5_000;

await runScenario("PostgreSQL immediate shutdown under gifting load", async (findings, cleanup) => {
  const stage = await openStage(cleanup, { people: PLAN.people, coins: 10_000n });
  const { api, postgres, sql } = stage;
  const watcher = new StreamSubscriber(api.baseUrl, CREATOR_HANDLE);
  await watcher.open();
  cleanup.add(async () => watcher.close());

  // What clients were told between the stop and the API's /health saying "up" again.
  const outageAnswers = new Map<string, number>();
  let isOutage = false;
  let recoveredAt = 0;
  let slowestOutageAnswerMs = 0;
  // ...and before the first stop and after each recovery, when every answer must be a 200.
  const otherAnswers = new Map<string, number>();
  const load = new GiftLoad(stage.people, {
    handle: CREATOR_HANDLE,
    giftsPerPersonPerSecond: 1.5,
    inBursts: true,
    onAnswer: (outcome) => {
      // A request sent before the recovery counts with the outage, whenever its answer came.
      const duringOutage = isOutage || performance.now() - outcome.ms < recoveredAt;
      const label = describeOutcome(outcome);
      const tally = duringOutage ? outageAnswers : otherAnswers;
      tally.set(label, (tally.get(label) ?? 0) + 1);
      if (duringOutage) slowestOutageAnswerMs = Math.max(slowestOutageAnswerMs, outcome.ms);
    },
  });
  const apiPid = api.runningPid;
  load.start();

  const healthDuringOutage = new Map<string, number>();
  let slowestHealthMs = 0;
  const recoveryMs: number[] = [];
  for (let outage = 1; outage <= PLAN.outages; outage++) {
    await sleep(PLAN.loadMs * (0.5 + Math.random()));
    await load.midSpike();
    isOutage = true;
    const inFlight = load.inFlight;
    await postgres.stopImmediately();
    step(`outage #${outage}: PostgreSQL stopped (immediate) with ${inFlight} requests in flight`);
    for (const until = performance.now() + PLAN.outageMs; performance.now() < until; ) {
      const health = await api.health(HANG_MS * 2);
      const label = `${health.status} ${health.database ?? "(no answer)"}`;
      healthDuringOutage.set(label, (healthDuringOutage.get(label) ?? 0) + 1);
      slowestHealthMs = Math.max(slowestHealthMs, health.ms);
      await sleep(250);
    }
    await postgres.start();
    const restarted = performance.now();
    step(`PostgreSQL started again on the same data directory and port`);
    await waitFor("the API's /health to say the database is up", 60_000, async () => {
      return (await api.health()).status === 200;
    });
    recoveryMs.push(performance.now() - restarted);
    isOutage = false;
    recoveredAt = performance.now();
    step(`API reports the database up ${recoveryMs.at(-1)?.toFixed(0)} ms after it started`);
  }
  await sleep(PLAN.loadMs);
  const { unsettled } = await load.stop();
  step(`load stopped; ${unsettled} gift(s) left unsettled`);

  findings.fact(
    "viewers (one gift at a time each, all at once every tick)",
    `${PLAN.people} at 1.5/s each`,
  );
  findings.fact("immediate shutdowns", `${PLAN.outages} of ${PLAN.outageMs / 1000} s each`);
  findings.fact("answers while the database was down", formatTally(outageAnswers));
  findings.fact("slowest of those answers (ms)", slowestOutageAnswerMs.toFixed(0));
  findings.fact("/health while the database was down", formatTally(healthDuringOutage));
  findings.fact("slowest /health then (ms)", slowestHealthMs.toFixed(0));
  findings.fact(
    "database start to /health 200 (ms)",
    recoveryMs.map((ms) => ms.toFixed(0)).join(", "),
  );
  const unclean = [...outageAnswers.keys()].filter(
    (label) => label !== "503 SERVICE_UNAVAILABLE" && label !== "200 ok",
  );
  findings.check(
    unclean.length === 0,
    `while the database was down clients were told: ${unclean.join(", ")} (want 503 SERVICE_UNAVAILABLE)`,
  );
  findings.check(outageAnswers.size > 0, "no gift was attempted while the database was down");
  findings.fact("answers while it was up", formatTally(otherAnswers));
  findings.check(
    [...otherAnswers.keys()].every((label) => label === "200 ok"),
    `while the database was up clients were told: ${formatTally(otherAnswers)}`,
  );
  findings.check(slowestOutageAnswerMs < HANG_MS, `an answer took ${slowestOutageAnswerMs} ms`);
  findings.check(
    [...healthDuringOutage.keys()].every((label) => label === "503 down"),
    `/health while the database was down: ${formatTally(healthDuringOutage)} (want 503 down)`,
  );
  findings.check(
    api.runningPid === apiPid && apiPid !== null,
    `the API process changed or died (pid ${apiPid} -> ${api.runningPid}); see ${stage.logFile}`,
  );
  findings.fact("API process", `pid ${apiPid}, never restarted`);

  await verifyGifts(sql, load.records, stage.creator, findings);
  await verifyLiveEvents(stage, watcher, load.records, findings);
  await verifyJobsCaughtUp(stage, findings);
  findings.fact("API log (kept when the scenario fails)", stage.logFile);
});

/**
 * The API's LISTEN came back by itself: gifts sent one at a time after recovery reach the watcher
 * that stayed connected through every outage (it never reconnected), and a watcher connecting
 * after recovery. How many of all acknowledged gifts the first watcher saw is reported too; under
 * concurrent gifts a few go missing even without faults (see the README note on event order).
 */
async function verifyLiveEvents(
  stage: Awaited<ReturnType<typeof openStage>>,
  watcher: StreamSubscriber,
  records: GiftLoad["records"],
  findings: Parameters<Parameters<typeof runScenario>[1]>[0],
): Promise<void> {
  const late = new StreamSubscriber(stage.api.baseUrl, CREATOR_HANDLE);
  await late.open();
  // A first connection receives events from the moment the API subscribed it.
  await sleep(300);
  const probeEvents: string[] = [];
  for (const sender of stage.people.slice(0, PROBE_GIFTS)) {
    const probe = await callProcedure(
      sender.client,
      "gifts",
      "send",
      { idempotencyKey: randomUUID(), to: { handle: CREATOR_HANDLE }, giftId: "heart", count: 1 },
      { kind: "mutation", token: sender.token },
    );
    if (!findings.check(probe.kind === "ok", `a gift after recovery: ${describeOutcome(probe)}`))
      continue;
    if (probe.kind !== "ok") continue;
    const [row] = await stage.sql<{ id: bigint }[]>`
      select id from stream_events where transfer_id = ${probe.data.transferId}`;
    if (row) probeEvents.push(row.id.toString());
  }
  const hasAll = (subscriber: StreamSubscriber) =>
    probeEvents.every((id) => subscriber.eventIds.includes(id));
  await waitFor(
    "the gifts after recovery to reach both watchers",
    10_000,
    () => hasAll(watcher) && hasAll(late),
  ).catch(() => {});
  late.close();
  const seenBy = (subscriber: StreamSubscriber) =>
    `${probeEvents.filter((id) => subscriber.eventIds.includes(id)).length}/${PROBE_GIFTS}`;
  findings.fact("gifts after recovery seen by the watcher connected throughout", seenBy(watcher));
  findings.fact("gifts after recovery seen by a watcher connecting after it", seenBy(late));
  findings.check(watcher.ended === null, `the watcher's stream ended: ${watcher.ended}`);
  findings.check(hasAll(watcher), "the watcher connected throughout missed gifts after recovery");
  findings.check(hasAll(late), "a watcher connecting after recovery missed gifts");

  const acknowledged = records.flatMap((r) => (r.ack ? [r.ack.transferId] : []));
  const rows = await stage.sql<{ id: bigint }[]>`
    select id from stream_events where transfer_id = any(${acknowledged}::uuid[])`;
  const received = new Set(watcher.eventIds);
  findings.fact(
    "events of the load's gifts seen by the watcher connected throughout",
    `${rows.filter((row) => received.has(row.id.toString())).length}/${rows.length}, ${watcher.eventIds.length - received.size} twice`,
  );
  findings.check(received.size === watcher.eventIds.length, "the watcher got an event twice");
}

/** The job queue came back too: the 2-second analytics fold catches up with every event. */
async function verifyJobsCaughtUp(
  stage: Awaited<ReturnType<typeof openStage>>,
  findings: Parameters<Parameters<typeof runScenario>[1]>[0],
): Promise<void> {
  const unfolded = async () => {
    const [row] = await stage.sql<{ left: bigint }[]>`
      select count(*)::int8 as left from stream_events
      where tx >= coalesce((select folded_below from analytics_progress where name = 'stream_events'), '0'::xid8)`;
    return Number(row?.left ?? -1n);
  };
  const caughtUp = await waitFor(
    "the analytics fold to catch up",
    20_000,
    async () => (await unfolded()) === 0,
  )
    .then(() => true)
    .catch(() => false);
  const [jobs] = await stage.sql<{ completed: bigint }[]>`
    select count(*)::int8 as completed from pgboss.job
    where name = 'fold-analytics' and state = 'completed' and completed_on > now() - interval '20 seconds'`;
  findings.fact("fold-analytics jobs completed in the last 20 s", jobs?.completed ?? 0n);
  findings.check(
    caughtUp,
    `the analytics fold did not catch up: ${await unfolded()} event(s) unfolded`,
  );
}
