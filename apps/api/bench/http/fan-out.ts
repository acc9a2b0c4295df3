// Benchmark 2 (issue 7): 2,000 concurrent SSE subscribers of one stream while gifts arrive at
// 200/s for 10 s; per gift and subscriber, the time from the sender's HTTP acknowledgement to
// the subscriber's receipt (both on the machine-wide monotonic clock), and every gift a
// subscriber missed. Then again with two API processes on the same database, half of the
// subscribers on each, gifts sent to both in turn. Target: p99 under 100 ms, no misses.
//
//   pnpm bench:fanout            2,000 subscribers, 200 gifts/s for 10 s, one then two API processes
//   pnpm bench:fanout --short    100 subscribers, 20 gifts/s for 2 s (CI: correctness only)
//   BENCH_FANOUT_SUBSCRIBERS=2000 BENCH_FANOUT_RATE=200 BENCH_FANOUT_SECONDS=10
import { fileURLToPath } from "node:url";
import type { PacedGiftsTarget, pacedGifts } from "./load/paced-gifts.ts";
import type { FanOutReceipts, streamSubscribers } from "./load/stream-subscribers.ts";
import { CpuMeter, describeCores, postmasterPid, withChildren } from "./support/cpu-usage.ts";
import { type Benchmark, runStandalone, type SummaryRow } from "./support/outcome.ts";
import {
  describeMachine,
  finishMachine,
  machineLine,
  printCheck,
  printTable,
  printTarget,
} from "./support/report.ts";
import { seedLiveCreator, seedViewers, signInAll } from "./support/seed-people.ts";
import { waitForGiftsToSettle } from "./support/settle.ts";
import { type Stage, startStage } from "./support/stage.ts";
import { summarize } from "./support/stats.ts";
import { startWorker } from "./support/worker.ts";

const HANDLE = "benchfan";
const GIFT_ID = "gg";
/** Gifts per viewer, well below the platform's 120 spends a minute. */
const GIFTS_PER_VIEWER = 90;
const MAX_PROBES = 20;
const SUBSCRIBERS_MODULE = fileURLToPath(new URL("./load/stream-subscribers.ts", import.meta.url));
const SENDER_MODULE = fileURLToPath(new URL("./load/paced-gifts.ts", import.meta.url));

interface FanOutConfig {
  readonly subscribers: number;
  readonly perSecond: number;
  readonly seconds: number;
  /** How long subscribers may take to receive everything after the last acknowledgement. */
  readonly drainMs: number;
}

function configFor(short: boolean): FanOutConfig {
  const env = process.env;
  const base = short
    ? { subscribers: 100, perSecond: 20, seconds: 2, drainMs: 20_000 }
    : { subscribers: 2_000, perSecond: 200, seconds: 10, drainMs: 60_000 };
  return {
    subscribers: Number(env.BENCH_FANOUT_SUBSCRIBERS ?? base.subscribers),
    perSecond: Number(env.BENCH_FANOUT_RATE ?? base.perSecond),
    seconds: Number(env.BENCH_FANOUT_SECONDS ?? base.seconds),
    drainMs: base.drainMs,
  };
}

interface PhaseResult {
  readonly apiProcesses: number;
  readonly connected: number;
  readonly gifts: number;
  readonly acknowledged: number;
  readonly sendErrors: number;
  readonly sendErrorSamples: readonly string[];
  readonly sendP99: number;
  readonly scheduleLagMs: number;
  readonly receipts: FanOutReceipts;
  /** Cores used while gifting and delivering, per side. */
  readonly cores: Record<string, number>;
}

/** One phase: subscribers connect, warm-up probes until all are listening, then the paced gifts. */
async function runPhase(
  stage: Stage,
  config: FanOutConfig,
  apiProcesses: number,
  tokens: readonly string[],
  postgresPid: number | null,
): Promise<PhaseResult> {
  while (stage.apis.length < apiProcesses) await stage.addApi();
  const baseUrls = stage.apis.slice(0, apiProcesses).map((api) => api.baseUrl);
  const target: PacedGiftsTarget = { baseUrls, to: { handle: HANDLE }, giftId: GIFT_ID, tokens };
  const count = config.perSecond * config.seconds;
  const subscribers = startWorker<typeof streamSubscribers>(SUBSCRIBERS_MODULE);
  const sender = startWorker<typeof pacedGifts>(SENDER_MODULE);
  try {
    const tag = `phase${apiProcesses}`;
    const { connected, failed } = await subscribers.call("connect", {
      baseUrls,
      handle: HANDLE,
      count: config.subscribers,
      expected: count,
      tag,
    });
    if (failed > 0)
      throw new Error(`${failed} of ${config.subscribers} subscribers did not connect`);
    // A subscriber is listening once it has received a gift: probe until all have.
    let ready = false;
    for (let probe = 0; probe < MAX_PROBES && !ready; probe++) {
      await sender.call("probe", { target, message: `${tag} probe ${probe}` });
      const deadline = Date.now() + 3_000;
      while (!ready && Date.now() < deadline) {
        ready = (await subscribers.call("probeSeen", probe)) === connected;
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    if (!ready) throw new Error("subscribers did not all receive a warm-up gift");
    const meter = new CpuMeter({
      // With BENCH_API_WORKERS > 1 the HTTP workers are the API process's children.
      api: () => stage.apis.flatMap((api) => withChildren(api.pid)),
      postgres: () => (postgresPid ? withChildren(postgresPid) : []),
      subscribers: () => [subscribers.pid],
      sender: () => [sender.pid],
    });
    meter.start();
    const sent = await sender.call(
      "run",
      { target, tag, perSecond: config.perSecond, count },
      config.seconds * 1000 + 120_000,
    );
    const receipts = await subscribers.call(
      "collect",
      { acknowledgedAt: sent.acknowledgedAt, waitMs: config.drainMs },
      config.drainMs + 60_000,
    );
    const cores = meter.stop();
    await subscribers.call("close", undefined);
    return {
      apiProcesses,
      connected,
      gifts: count,
      acknowledged: sent.acknowledgedAt.reduce((n, at) => (Number.isNaN(at) ? n : n + 1), 0),
      sendErrors: sent.errors,
      sendErrorSamples: sent.errorSamples,
      sendP99: summarize(sent.sendLatencies).p99,
      scheduleLagMs: sent.scheduleLagMs,
      receipts,
      cores,
    };
  } finally {
    await Promise.all([subscribers.stop(), sender.stop()]);
  }
}

export const benchFanOut: Benchmark = async (postgres, short) => {
  const config = configFor(short);
  const machine = describeMachine();
  console.log(
    `\nFan-out${short ? " (short form)" : ""}: ${config.subscribers.toLocaleString("en")} SSE subscribers on one stream, gifts at ${config.perSecond}/s for ${config.seconds} s; one, then two API processes`,
  );
  const stage = await startStage(postgres, 1);
  try {
    const { api } = stage;
    const creator = await seedLiveCreator(stage.db.sql, api.baseUrl, HANDLE);
    const phases = [1, 2];
    // About one gift a second per viewer, as in a busy chat; one viewer's gifts queue on its lock.
    const perPhase = Math.max(
      config.perSecond,
      Math.ceil((config.perSecond * config.seconds + MAX_PROBES) / GIFTS_PER_VIEWER),
    );
    const viewers = await seedViewers(stage.db.sql, stage.ledger, {
      count: perPhase * phases.length,
      coins: 10_000n,
      label: "fan",
    });
    const tokens = await signInAll(api.baseUrl, viewers);

    const postgresPid = await postmasterPid(stage.db.sql);
    const results: PhaseResult[] = [];
    for (const [i, apiProcesses] of phases.entries()) {
      const mine = tokens.slice(i * perPhase, (i + 1) * perPhase);
      results.push(await runPhase(stage, config, apiProcesses, mine, postgresPid));
      // Gifts the sender gave up on may still be running: the next phase starts on a quiet API.
      await waitForGiftsToSettle(stage.db.sql, creator.userId);
    }
    await waitForGiftsToSettle(stage.db.sql, creator.userId);
    const [stored] = await stage.db.sql<{ events: bigint; gifts: bigint }[]>`
      select (select count(*) from stream_events where creator_user_id = ${creator.userId})::int8 as events,
             (select count(*) from ledger_transfers
              where code = 'gift' and metadata->>'creatorUserId' = ${creator.userId})::int8 as gifts`;
    const violations = await stage.checkLedger();
    finishMachine(machine);

    console.log("");
    printTable(
      [
        "API processes",
        "subscribers",
        "gifts",
        "p50 ms",
        "p99 ms",
        "max ms",
        "missed",
        "undelivered",
        "duplicates",
        "send errors",
        "send p99 ms",
        "generator loop delay p99 ms",
      ],
      results.map((r) => [
        r.apiProcesses,
        r.connected,
        r.acknowledged,
        r.receipts.latency.p50,
        r.receipts.latency.p99,
        r.receipts.latency.max,
        r.receipts.missed,
        r.receipts.undelivered,
        r.receipts.duplicates,
        r.sendErrors,
        r.sendP99,
        r.receipts.generatorLoopDelayP99Ms,
      ]),
    );
    for (const r of results) {
      console.log(`CPU with ${r.apiProcesses} API process(es): ${describeCores(r.cores)}`);
    }
    console.log(`\n${machineLine(machine, postgres.version)}`);

    let correct = true;
    for (const r of results) {
      const lost = r.receipts.missed + r.receipts.undelivered;
      const passed =
        lost === 0 &&
        r.receipts.duplicates === 0 &&
        r.sendErrors === 0 &&
        r.receipts.endedEarly === 0;
      correct &&= passed;
      printCheck(
        `fan-out, ${r.apiProcesses} API process(es)`,
        passed,
        `${r.receipts.missed} missed and ${r.receipts.undelivered} undelivered after ${r.receipts.waitedMs} ms across ${r.receipts.subscribersMissingEvents} subscribers, ${r.receipts.duplicates} duplicates, ${r.receipts.endedEarly} streams ended early, ${r.sendErrors} send errors${r.sendErrorSamples.length ? `: ${r.sendErrorSamples.join("; ")}` : ""}`,
      );
    }
    const acknowledged = results.reduce((n, r) => n + r.acknowledged, 0);
    // Warm-up probes are gifts too: the stream holds at least every acknowledged measured gift.
    const ledgerOk = violations.length === 0 && stored?.events === stored?.gifts;
    correct &&= ledgerOk;
    printCheck(
      "fan-out ledger",
      ledgerOk,
      `checkLedger ${violations.length === 0 ? "[]" : `${violations.length} violations`}; ${stored?.gifts} gifts, ${stored?.events} stream events, ${acknowledged} measured acknowledged`,
    );

    const targetsMet = results.every(
      (r) => r.receipts.latency.p99 < 100 && r.receipts.missed + r.receipts.undelivered === 0,
    );
    printTarget(
      "fan-out",
      targetsMet,
      results
        .map(
          (r) =>
            `${r.apiProcesses} API: p99 ${r.receipts.latency.p99.toFixed(1)} ms (target < 100), ${r.receipts.missed + r.receipts.undelivered} missed (target 0)`,
        )
        .join("; "),
    );
    const rows: SummaryRow[] = results.map((r) => ({
      benchmark: "fan-out (SSE)",
      case: `${r.connected.toLocaleString("en")} subscribers, ${r.apiProcesses} API process${r.apiProcesses > 1 ? "es" : ""}`,
      rate: `${config.perSecond} gifts/s`,
      p50: r.receipts.latency.p50,
      p99: r.receipts.latency.p99,
      faults: `${r.receipts.missed + r.receipts.undelivered} missed`,
      target: `p99 < 100 ms, 0 missed: ${r.receipts.latency.p99 < 100 && r.receipts.missed + r.receipts.undelivered === 0 ? "met" : "missed"}`,
    }));
    return { rows, correct, targetsMet };
  } finally {
    await stage.close();
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runStandalone("fan-out", benchFanOut);
}
