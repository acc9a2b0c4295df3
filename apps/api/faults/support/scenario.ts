import { Findings } from "./findings.ts";

/** Undo steps run last-in first-out when the scenario ends, fails or is interrupted. */
export class Cleanup {
  private readonly steps: { run: () => Promise<unknown>; keepOnFailure: boolean }[] = [];

  /** `keepOnFailure`: skipped when the scenario failed (e.g. deleting the logs worth reading). */
  add(run: () => Promise<unknown>, options: { keepOnFailure?: boolean } = {}): void {
    this.steps.push({ run, keepOnFailure: options.keepOnFailure ?? false });
  }

  async run(failed: boolean): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      if (failed && step.keepOnFailure) continue;
      await step.run().catch((error: unknown) => console.error("cleanup step failed:", error));
    }
  }
}

/** `--short`: the CI form, well under a minute; without it, the longer run from the README. */
export const isShort = process.argv.includes("--short");

/**
 * Runs a fault scenario: its summary is printed at the end, everything it started is stopped
 * (also on Ctrl-C), and the process exits 1 on any violation or error, else 0.
 */
export async function runScenario(
  title: string,
  body: (findings: Findings, cleanup: Cleanup) => Promise<void>,
): Promise<never> {
  const findings = new Findings(`${title}${isShort ? " (--short)" : ""}`);
  const cleanup = new Cleanup();
  const started = performance.now();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping what the scenario started`);
      void cleanup.run(true).then(() => process.exit(130));
    });
  }
  try {
    await body(findings, cleanup);
  } catch (error) {
    findings.check(
      false,
      `the scenario stopped early: ${error instanceof Error ? error.stack : error}`,
    );
  } finally {
    await cleanup.run(findings.violations.length > 0);
  }
  // Explicit: open handles (keep-alive sockets, timers) must not keep a finished scenario alive.
  process.exit(findings.print(performance.now() - started));
}

/** Logs a step of the scenario with the seconds since it started. */
export function step(message: string): void {
  console.log(`[${(performance.now() / 1000).toFixed(1)}s] ${message}`);
}
