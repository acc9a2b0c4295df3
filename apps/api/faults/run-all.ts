// Runs every fault scenario in turn (each in a process of its own, as it ends with process.exit),
// passing `--short` on, and prints one line per scenario. Exits 1 if any scenario failed.
//
//   pnpm faults [--short]
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const SCENARIOS = ["kill-api-under-load.ts", "stop-postgres-under-load.ts", "webhook-abuse.ts"];
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
const passOn = process.argv.slice(2);

const results: { scenario: string; code: number; seconds: number }[] = [];
for (const scenario of SCENARIOS) {
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [TSX_CLI, fileURLToPath(new URL(scenario, import.meta.url)), ...passOn],
      { stdio: "inherit" },
    );
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  results.push({ scenario, code, seconds: (performance.now() - started) / 1000 });
}

console.log("\n== fault scenarios");
for (const { scenario, code, seconds } of results) {
  console.log(`  ${code === 0 ? "PASS" : "FAIL"}  ${scenario.padEnd(30)} ${seconds.toFixed(1)} s`);
}
process.exit(results.every((result) => result.code === 0) ? 0 : 1);
