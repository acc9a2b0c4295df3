import { cpus, loadavg } from "node:os";

/** The machine a figure was taken on; load averages say how much else was running. */
export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  /** 1-minute load average when the benchmark started and when it ended. */
  readonly loadAtStart: number;
  loadAtEnd: number;
}

export function describeMachine(): Machine {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? "?",
    node: process.version,
    loadAtStart: loadavg()[0] ?? Number.NaN,
    loadAtEnd: Number.NaN,
  };
}

export function machineLine(machine: Machine, postgresVersion: string): string {
  return `machine: ${machine.cores} cores (nproc; ${machine.cpuModel}), Node ${machine.node}, PostgreSQL ${postgresVersion}, load average (1 min) ${machine.loadAtStart.toFixed(2)} at start, ${machine.loadAtEnd.toFixed(2)} at end`;
}

/** Marks the end of a benchmark on `machine`. */
export function finishMachine(machine: Machine): void {
  machine.loadAtEnd = loadavg()[0] ?? Number.NaN;
}

/** A markdown table; numbers right-aligned. */
export function printTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): void {
  const numeric = headers.map((_, column) => rows.every((row) => typeof row[column] === "number"));
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`| ${numeric.map((n) => (n ? "---:" : "---")).join(" | ")} |`);
  for (const row of rows) {
    console.log(
      `| ${row.map((cell) => (typeof cell === "number" ? formatNumber(cell) : cell)).join(" | ")} |`,
    );
  }
}

/** Integers with thousands separators, others with one decimal. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  return Number.isInteger(value)
    ? value.toLocaleString("en")
    : value.toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** One line per target: "target met" or "target missed", with the figures that decided it. */
export function printTarget(name: string, met: boolean, figures: string): void {
  console.log(`${name}: target ${met ? "met" : "missed"} (${figures})`);
}

/** One line per correctness check; the process exits non-zero when any fails. */
export function printCheck(name: string, passed: boolean, detail: string): void {
  console.log(`${name}: ${passed ? "ok" : "FAILED"} (${detail})`);
}
