/**
 * What a scenario proved (figures) and every violation it found; printed as its summary, and
 * its exit code is non-zero when anything was violated.
 */
export class Findings {
  private readonly facts: [string, string][] = [];
  readonly violations: string[] = [];

  constructor(readonly title: string) {}

  fact(label: string, value: string | number | bigint): void {
    this.facts.push([label, typeof value === "string" ? value : value.toLocaleString("en-US")]);
  }

  /** Records `message` as a violation unless `holds`; returns `holds`. */
  check(holds: boolean, message: string): boolean {
    if (!holds) this.violations.push(message);
    return holds;
  }

  /** Prints the summary; returns the process exit code (0 only without violations). */
  print(durationMs: number): number {
    const width = Math.max(...this.facts.map(([label]) => label.length), 10);
    console.log(`\n== ${this.title} (${(durationMs / 1000).toFixed(1)} s)`);
    for (const [label, value] of this.facts) console.log(`  ${label.padEnd(width)}  ${value}`);
    if (this.violations.length === 0) {
      console.log("  PASS: no violations");
      return 0;
    }
    console.log(`  FAIL: ${this.violations.length} violation(s)`);
    for (const violation of this.violations.slice(0, 50)) console.log(`    - ${violation}`);
    if (this.violations.length > 50) console.log(`    ... and ${this.violations.length - 50} more`);
    return 1;
  }
}

/** `{"200 ok": 10, ...}` as one line, most frequent first. */
export function formatTally(tally: ReadonlyMap<string, number>): string {
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]) => `${label}: ${count.toLocaleString("en-US")}`)
    .join(", ");
}
