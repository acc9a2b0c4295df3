// Benchmark 1 (issue 7): one live creator, N simulated viewers sending gifts over HTTP through
// the real API (`src/server.ts` in its own process), against pgbench's TPC-B-like workload on
// the same PostgreSQL as the yardstick. Target: at 64 senders at least 2x pgbench's
// transactions/s, p99 under 50 ms, zero errors; afterwards every acknowledged gift is in the
// ledger exactly once and checkLedger() is clean.
//
//   pnpm bench:hot            64 and 256 senders, 10 s each after 2 s warm-up; pgbench -c 64 -s 64 -T 15
//   pnpm bench:hot --short    8 and 32 senders, 2 s each (CI: correctness only)
//   DATABASE_URL=postgres://... pnpm bench:hot   another server (scratch databases, dropped after)
//   BENCH_HOT_SENDERS=64,256 BENCH_HOT_SECONDS=10 BENCH_HOT_MAX_RATE=2000 (viewers are seeded for it)
import { fileURLToPath } from "node:url";
import { getCreatorShareBps, listGifts, splitGift } from "@coinstream/core";
import { accountId } from "@coinstream/db";
import type { GiftSendersResult, giftSenders } from "./load/gift-senders.ts";
import { CpuMeter, describeCores, postmasterPid, withChildren } from "./support/cpu-usage.ts";
import type { Benchmark, SummaryRow } from "./support/outcome.ts";
import { runStandalone } from "./support/outcome.ts";
import { type PgbenchOptions, runPgbench } from "./support/pgbench.ts";
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
import { startStage } from "./support/stage.ts";
import { type StatementCount, statementCounter } from "./support/statements.ts";
import { summarize } from "./support/stats.ts";
import { sampleWaits } from "./support/wait-sampler.ts";
import { startWorker } from "./support/worker.ts";

const GIFT_ID = "gg";
/** Below the platform's 120 spends a minute per viewer, with room for the warm-up. */
const GIFTS_PER_VIEWER = 110;
const SENDERS_MODULE = fileURLToPath(new URL("./load/gift-senders.ts", import.meta.url));

interface HotConfig {
  readonly senders: readonly number[];
  readonly warmupMs: number;
  readonly durationMs: number;
  /** The most gifts/s any row is expected to reach: enough viewers are seeded for it. */
  readonly maxRate: number;
  readonly pgbench: PgbenchOptions;
}

function configFor(short: boolean): HotConfig {
  const env = process.env;
  const senders = env.BENCH_HOT_SENDERS?.split(",").map(Number);
  const seconds = env.BENCH_HOT_SECONDS ? Number(env.BENCH_HOT_SECONDS) : null;
  const base: HotConfig = short
    ? {
        senders: [8, 32],
        warmupMs: 500,
        durationMs: 2_000,
        maxRate: 3_000,
        pgbench: { scale: 1, clients: 8, threads: 2, seconds: 2 },
      }
    : {
        senders: [64, 256],
        warmupMs: 2_000,
        durationMs: 10_000,
        maxRate: 2_000,
        pgbench: { scale: 64, clients: 64, threads: 2, seconds: 15 },
      };
  return {
    ...base,
    senders: senders ?? base.senders,
    durationMs: seconds === null ? base.durationMs : seconds * 1000,
    maxRate: env.BENCH_HOT_MAX_RATE ? Number(env.BENCH_HOT_MAX_RATE) : base.maxRate,
  };
}

export const benchHotCreator: Benchmark = async (postgres, short) => {
  const config = configFor(short);
  const machine = describeMachine();
  console.log(
    `\nHot creator over HTTP${short ? " (short form)" : ""}: senders ${config.senders.join(", ")}, ${config.durationMs / 1000} s each after ${config.warmupMs / 1000} s warm-up, gift "${GIFT_ID}"`,
  );
  const pgbench = await runPgbench(postgres.adminUrl, config.pgbench);
  console.log(
    pgbench.available
      ? `pgbench TPC-B-like, scale ${pgbench.scale}, ${pgbench.clients} clients, ${pgbench.threads} threads, ${pgbench.seconds} s: ${Math.round(pgbench.tps)} tps`
      : "pgbench not found (set PGBENCH): no yardstick this run",
  );

  const stage = await startStage(postgres, 1);
  try {
    const { api } = stage;
    const creator = await seedLiveCreator(stage.db.sql, api.baseUrl, "benchhot");

    // Each sender plays its own viewers in turn, each below the platform's spends a minute.
    const seconds = (config.warmupMs + config.durationMs) / 1000;
    const viewersPerSender = config.senders.map((senders) =>
      Math.max(1, Math.ceil((config.maxRate * seconds) / senders / GIFTS_PER_VIEWER)),
    );
    const total = config.senders.reduce((sum, n, i) => sum + n * (viewersPerSender[i] ?? 1), 0);
    const giftCoins = listGifts().find((gift) => gift.id === GIFT_ID)?.coins ?? 0;
    const seedStarted = performance.now();
    const viewers = await seedViewers(stage.db.sql, stage.ledger, {
      count: total,
      coins: BigInt(giftCoins * (GIFTS_PER_VIEWER + 10)),
      label: "hot",
    });
    const tokens = await signInAll(api.baseUrl, viewers);
    console.log(
      `seeded ${total.toLocaleString("en")} viewers (SQL + ledger) and signed them in over HTTP in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    await stage.db.sql`checkpoint`.catch(() => {});

    const worker = startWorker<typeof giftSenders>(SENDERS_MODULE);
    const postgresPid = await postmasterPid(stage.db.sql);
    const meter = new CpuMeter({
      api: () => [api.pid],
      postgres: () => (postgresPid ? withChildren(postgresPid) : []),
      generator: () => [worker.pid],
    });
    const statements = await statementCounter(stage.db.sql);
    const results: {
      senders: number;
      result: GiftSendersResult;
      cores: Record<string, number>;
      statements: StatementCount | null;
    }[] = [];
    try {
      let next = 0;
      for (const [row, senders] of config.senders.entries()) {
        const perSender = viewersPerSender[row] ?? 1;
        const job = {
          baseUrl: api.baseUrl,
          to: { handle: "benchhot" },
          giftId: GIFT_ID,
          senders: Array.from({ length: senders }, () => {
            const mine = tokens.slice(next, next + perSender);
            next += perSender;
            return mine;
          }),
          giftsPerViewer: GIFTS_PER_VIEWER,
          warmupMs: config.warmupMs,
          durationMs: config.durationMs,
        };
        await statements.reset();
        meter.start();
        // BENCH_HOT_WAITS=1: what busy sessions wait on during the row, sampled every 25 ms.
        const waits = process.env.BENCH_HOT_WAITS === "1" ? sampleWaits(stage.db.sql) : null;
        const result = await worker.call("run", job, config.warmupMs + config.durationMs + 120_000);
        const cores = meter.stop();
        const waited = await waits?.stop();
        if (waited) {
          console.log(`waits at ${senders} senders (${waited.samples} samples, sightings):`);
          for (const [what, count] of waited.top)
            console.log(`  ${String(count).padStart(6)}  ${what}`);
        }
        results.push({ senders, result, cores, statements: await statements.read() });
      }
    } finally {
      await worker.stop();
    }

    // Every acknowledged gift is in the ledger and on the stream exactly once, nothing else is.
    await waitForGiftsToSettle(stage.db.sql, creator.userId);
    const acknowledged = results.reduce((sum, r) => sum + r.result.acknowledged, 0);
    const held = accountId({ ownerId: creator.userId, purpose: "creator_held" });
    const [stored] = await stage.db.sql<{ coins: bigint; diamonds: bigint; events: bigint }[]>`
      select
        (select count(*) from ledger_transfers
         where code = 'gift' and metadata->>'creatorUserId' = ${creator.userId})::int8 as coins,
        (select count(*) from ledger_transfers
         where code = 'gift_diamonds' and credit_account_id = ${held})::int8 as diamonds,
        (select count(*) from stream_events
         where creator_user_id = ${creator.userId} and kind = 'gift')::int8 as events`;
    const violations = await stage.checkLedger();
    finishMachine(machine);

    const rows = results.map(({ senders, result, cores, statements }) => {
      const latency = summarize(result.latencies);
      return {
        senders,
        result,
        cores,
        statements,
        latency,
        giftsPerSecond: Math.round(result.measuredAcknowledged / (result.measuredMs / 1000)),
      };
    });
    console.log("");
    printTable(
      ["workload", "concurrency", "done", "per second", "p50 ms", "p99 ms", "max ms", "errors"],
      [
        ...rows.map((r) => [
          "gifts.send over HTTP",
          r.senders,
          r.result.measuredAcknowledged,
          r.giftsPerSecond,
          r.latency.p50,
          r.latency.p99,
          r.latency.max,
          r.result.errors,
        ]),
        [
          `pgbench TPC-B-like (scale ${pgbench.scale})`,
          pgbench.clients,
          pgbench.transactions,
          Math.round(pgbench.tps),
          pgbench.latency.p50,
          pgbench.latency.p99,
          pgbench.latency.max,
          pgbench.failed,
        ],
      ],
    );
    for (const r of rows) {
      const apiMs = ((r.cores.api ?? 0) * r.result.measuredMs) / r.result.measuredAcknowledged;
      console.log(
        `CPU at ${r.senders} senders: ${describeCores(r.cores)}; API ${apiMs.toFixed(2)} ms of CPU per gift`,
      );
      if (r.statements) {
        // Warm-up included on both sides: every statement the database ran for this row.
        const perGift = r.statements.total / Math.max(1, r.result.acknowledged);
        console.log(
          `statements at ${r.senders} senders (pg_stat_statements, this database): ${perGift.toFixed(1)} per gift`,
        );
        if (process.env.BENCH_HOT_STATEMENTS === "1") {
          for (const s of r.statements.top)
            console.log(`  ${String(s.calls).padStart(7)}  ${s.query}`);
        }
      }
    }
    console.log(`\n${machineLine(machine, postgres.version)}`);

    const errors = results.reduce((sum, r) => sum + r.result.errors, 0);
    const outOfViewers = results.reduce((sum, r) => sum + r.result.sendersOutOfViewers, 0);
    const samples = [...new Set(results.flatMap((r) => r.result.errorSamples))];
    const diamondsPerGift = splitGift(giftCoins, getCreatorShareBps({ tier: "standard" })).diamonds;
    const checks = [
      {
        name: "errors",
        passed: errors === 0,
        detail: `${errors} failed calls${samples.length ? `: ${samples.join("; ")}` : ""}`,
      },
      {
        // Acknowledged gifts exist exactly once; a failed call may or may not have gone through.
        name: "ledger rows",
        passed:
          !!stored &&
          stored.coins >= BigInt(acknowledged) &&
          stored.coins <= BigInt(acknowledged + errors) &&
          stored.diamonds === (diamondsPerGift > 0 ? stored.coins : 0n) &&
          stored.events === stored.coins,
        detail: `${acknowledged} acknowledged gifts, ${errors} failed calls; ${stored?.coins} coin legs, ${stored?.diamonds} diamond legs, ${stored?.events} stream events`,
      },
      {
        name: "checkLedger",
        passed: violations.length === 0,
        detail: violations.length === 0 ? "[]" : JSON.stringify(violations.slice(0, 3), replacer),
      },
    ];
    for (const check of checks) printCheck(`hot creator ${check.name}`, check.passed, check.detail);
    if (outOfViewers > 0) {
      // Not a fault of the system: the run was faster than the viewers seeded for it.
      console.log(
        `hot creator: WARNING ${outOfViewers} senders ran out of seeded viewers, so the rate is understated; raise BENCH_HOT_MAX_RATE`,
      );
    }

    const yardstick = rows.find((r) => r.senders === pgbench.clients) ?? rows[0];
    const ratio = yardstick ? yardstick.giftsPerSecond / pgbench.tps : 0;
    const targetsMet =
      !!yardstick && ratio >= 2 && yardstick.latency.p99 < 50 && yardstick.result.errors === 0;
    printTarget(
      `hot creator, ${yardstick?.senders} senders`,
      targetsMet,
      `${yardstick?.giftsPerSecond} gifts/s = ${ratio.toFixed(2)}x pgbench's ${Math.round(pgbench.tps)} tps (target >= 2x), p99 ${yardstick?.latency.p99.toFixed(1)} ms (target < 50), ${yardstick?.result.errors} errors`,
    );

    const summary: SummaryRow[] = [
      ...rows.map((r) => ({
        benchmark: "hot creator over HTTP",
        case: `${r.senders} senders`,
        rate: `${r.giftsPerSecond.toLocaleString("en")} gifts/s`,
        p50: r.latency.p50,
        p99: r.latency.p99,
        faults: `${r.result.errors} errors`,
        target:
          r === yardstick
            ? `>= 2x pgbench, p99 < 50 ms: ${targetsMet ? "met" : "missed"} (${ratio.toFixed(2)}x)`
            : "",
      })),
      {
        benchmark: "hot creator over HTTP",
        case: `pgbench TPC-B-like, ${pgbench.clients} clients, scale ${pgbench.scale}`,
        rate: `${Math.round(pgbench.tps).toLocaleString("en")} tps`,
        p50: pgbench.latency.p50,
        p99: pgbench.latency.p99,
        faults: `${pgbench.failed} failed`,
        target: "yardstick",
      },
    ];
    return { rows: summary, correct: checks.every((c) => c.passed), targetsMet };
  } finally {
    await stage.close();
  }
};

/** JSON for violations, which carry bigints. */
function replacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runStandalone("hot creator over HTTP", benchHotCreator);
}
