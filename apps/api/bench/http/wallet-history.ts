// Benchmark 3 (issue 7): history does not slow the wallet. `wallet.get` and the first page of
// `wallet.history` over HTTP for a viewer with 10 transfers and for one with 1,000,000, timed
// one call at a time, the four cases interleaved. Target: large / small under 1.5 at p50 and p99.
//
//   pnpm bench:wallet            10 vs 1,000,000 transfers, 200 measured calls per case
//   pnpm bench:wallet --short    10 vs 20,000 transfers, 50 calls (CI: correctness only)
//   BENCH_WALLET_TRANSFERS=1000000 BENCH_WALLET_CALLS=200
import { fileURLToPath } from "node:url";
import type { TimedCaseResult, timedCalls } from "./load/timed-calls.ts";
import { type Benchmark, runStandalone, type SummaryRow } from "./support/outcome.ts";
import {
  describeMachine,
  finishMachine,
  machineLine,
  printCheck,
  printTable,
  printTarget,
} from "./support/report.ts";
import { type SeededHistory, seedWalletHistory } from "./support/seed-history.ts";
import { seedCreator, seedViewers, signInAll } from "./support/seed-people.ts";
import { startStage } from "./support/stage.ts";
import { type LatencySummary, summarize } from "./support/stats.ts";
import { startWorker } from "./support/worker.ts";

const SMALL = 10;
const PAGE = 25;
const CALLS_MODULE = fileURLToPath(new URL("./load/timed-calls.ts", import.meta.url));

interface WalletAnswer {
  readonly coins: number;
  readonly lifetimeGiftedCoins: number;
}
interface HistoryAnswer {
  readonly items: readonly { readonly code: string }[];
  readonly nextCursor: string | null;
}

export const benchWalletHistory: Benchmark = async (postgres, short) => {
  const large = Number(process.env.BENCH_WALLET_TRANSFERS ?? (short ? 20_000 : 1_000_000));
  // Both viewers' calls stay under the 600 calls a minute one person may make.
  const rounds = Number(process.env.BENCH_WALLET_CALLS ?? (short ? 50 : 200));
  const machine = describeMachine();
  console.log(
    `\nWallet vs history${short ? " (short form)" : ""}: wallet.get and wallet.history (first page of ${PAGE}) at ${SMALL} and ${large.toLocaleString("en")} transfers, ${rounds} calls each after 20 warm-up`,
  );
  const stage = await startStage(postgres, 1);
  try {
    const { api } = stage;
    const creator = await seedCreator(stage.db.sql, "benchwallet");
    const viewers = await seedViewers(stage.db.sql, stage.ledger, {
      count: 2,
      coins: 0n,
      label: "wallet",
    });
    const [smallViewer, largeViewer] = viewers;
    if (!smallViewer || !largeViewer) throw new Error("seeding failed");
    const seedStarted = performance.now();
    const histories: SeededHistory[] = [];
    for (const [viewer, transfers] of [
      [smallViewer, SMALL],
      [largeViewer, large],
    ] as const) {
      histories.push(
        await seedWalletHistory(stage.db.sql, {
          userId: viewer.userId,
          transfers,
          creator: { userId: creator.userId, handle: "benchwallet" },
        }),
      );
    }
    // What autovacuum does after a bulk load, done now so plans do not depend on its timing.
    await stage.db.sql`vacuum analyze ledger_transfers`;
    await stage.db.sql`vacuum analyze ledger_accounts`;
    console.log(
      `seeded ${(SMALL + large).toLocaleString("en")} transfers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const [smallToken, largeToken] = await signInAll(api.baseUrl, viewers);
    const cases = [
      { name: `wallet.get, ${SMALL} transfers`, procedure: "wallet.get", token: smallToken },
      {
        name: `wallet.get, ${large.toLocaleString("en")} transfers`,
        procedure: "wallet.get",
        token: largeToken,
      },
      {
        name: `wallet.history, ${SMALL} transfers`,
        procedure: "wallet.history",
        token: smallToken,
      },
      {
        name: `wallet.history, ${large.toLocaleString("en")} transfers`,
        procedure: "wallet.history",
        token: largeToken,
      },
    ].map((c) => ({
      ...c,
      token: c.token ?? "",
      input: c.procedure === "wallet.history" ? { limit: PAGE } : undefined,
    }));

    const worker = startWorker<typeof timedCalls>(CALLS_MODULE);
    let results: TimedCaseResult[];
    try {
      results = await worker.call("run", {
        baseUrl: api.baseUrl,
        cases,
        warmupRounds: 20,
        rounds,
      });
    } finally {
      await worker.stop();
    }
    const violations = await stage.checkLedger();
    finishMachine(machine);

    const summaries = results.map((r) => ({ ...r, latency: summarize(r.latencies) }));
    const [getSmall, getLarge, historySmall, historyLarge] = summaries;
    if (!getSmall || !getLarge || !historySmall || !historyLarge) throw new Error("missing cases");
    console.log("");
    printTable(
      ["call", "calls", "p50 ms", "p99 ms", "max ms", "errors"],
      summaries.map((s) => [
        s.name,
        s.latency.count,
        s.latency.p50,
        s.latency.p99,
        s.latency.max,
        s.errors,
      ]),
    );
    const ratios = [
      { name: "wallet.get", small: getSmall.latency, large: getLarge.latency },
      { name: "wallet.history", small: historySmall.latency, large: historyLarge.latency },
    ].map((pair) => ({ ...pair, ...ratiosOf(pair.small, pair.large) }));
    for (const r of ratios) {
      console.log(
        `${r.name}: ${large.toLocaleString("en")} / ${SMALL} transfers = ${r.p50.toFixed(2)}x at p50, ${r.p99.toFixed(2)}x at p99`,
      );
    }
    console.log(`\n${machineLine(machine, postgres.version)}`);

    // What the person sees must be right at both sizes.
    const checks = [0, 1].map((i) => {
      const history = histories[i] as SeededHistory;
      const wallet = (i === 0 ? getSmall : getLarge).lastAnswer as WalletAnswer | null;
      const page = (i === 0 ? historySmall : historyLarge).lastAnswer as HistoryAnswer | null;
      const pageSize = Math.min(PAGE, history.transfers);
      const passed =
        wallet?.coins === history.balance &&
        wallet.lifetimeGiftedCoins === history.giftedCoins &&
        page?.items.length === pageSize &&
        (page.nextCursor !== null) === history.transfers > PAGE;
      return {
        name: `wallet at ${history.transfers.toLocaleString("en")} transfers`,
        passed,
        detail: `coins ${wallet?.coins} (expected ${history.balance}), lifetime gifted ${wallet?.lifetimeGiftedCoins} (expected ${history.giftedCoins}), first page ${page?.items.length} items (expected ${pageSize})`,
      };
    });
    const errors = summaries.reduce((n, s) => n + s.errors, 0);
    checks.push(
      {
        name: "wallet calls",
        passed: errors === 0,
        detail: `${errors} errors${errors ? `: ${summaries.flatMap((s) => s.errorSamples).join("; ")}` : ""}`,
      },
      {
        name: "wallet checkLedger",
        passed: violations.length === 0,
        detail: violations.length === 0 ? "[]" : `${violations.length} violations`,
      },
    );
    for (const check of checks) printCheck(check.name, check.passed, check.detail);

    const targetsMet = ratios.every((r) => r.p50 < 1.5 && r.p99 < 1.5);
    printTarget(
      `wallet at ${large.toLocaleString("en")} vs ${SMALL} transfers`,
      targetsMet,
      ratios
        .map((r) => `${r.name} ${r.p50.toFixed(2)}x p50, ${r.p99.toFixed(2)}x p99 (target < 1.5)`)
        .join("; "),
    );
    const rows: SummaryRow[] = ratios.map((r) => ({
      benchmark: "wallet vs history",
      case: `${r.name}, ${large.toLocaleString("en")} vs ${SMALL} transfers`,
      rate: `${r.p50.toFixed(2)}x p50, ${r.p99.toFixed(2)}x p99`,
      p50: r.large.p50,
      p99: r.large.p99,
      faults: `${errors} errors`,
      target: `ratio < 1.5: ${r.p50 < 1.5 && r.p99 < 1.5 ? "met" : "missed"}`,
    }));
    return { rows, correct: checks.every((c) => c.passed), targetsMet };
  } finally {
    await stage.close();
  }
};

function ratiosOf(small: LatencySummary, large: LatencySummary) {
  return { p50: large.p50 / small.p50, p99: large.p99 / small.p99 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runStandalone("wallet vs history", benchWalletHistory);
}
