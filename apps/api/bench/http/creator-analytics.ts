import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Benchmark, SummaryRow } from "./support/outcome.ts";
import { printTarget } from "./support/report.ts";

const ANALYTICS_SCRIPT = fileURLToPath(new URL("../analytics.ts", import.meta.url));
const TARGET_MS = 200;

/**
 * Benchmark 4 (issue 7): creator analytics at 1,000,000 gifts, which `pnpm bench:analytics`
 * (bench/analytics.ts) measures. It runs unchanged in a process of its own on the benchmark
 * server (DATABASE_URL: it makes and drops a scratch database); its "Everything folded" table
 * becomes rows of the combined table. The short form folds 20,000 gifts.
 */
export const benchAnalytics: Benchmark = async (postgres, short) => {
  const output = await runAnalyticsScript(postgres.adminUrl, short);
  const rows: SummaryRow[] = [];
  for (const line of foldedTable(output)) {
    const cells = line.split("|").map((cell) => cell.trim());
    const [, name, calls, p50, , p99] = cells;
    if (!name || !p50 || !p99 || !/^\d/.test(calls ?? "")) continue;
    const p50Ms = Number(p50.replaceAll(",", ""));
    const p99Ms = Number(p99.replaceAll(",", ""));
    rows.push({
      benchmark: "creator analytics",
      case: `${name} (${short ? "20,000" : "1,000,000"} gifts, folded)`,
      rate: `${calls} calls`,
      p50: p50Ms,
      p99: p99Ms,
      faults: "",
      target: `under ${TARGET_MS} ms: p50 ${p50Ms < TARGET_MS ? "met" : "missed"}, p99 ${p99Ms < TARGET_MS ? "met" : "missed"}`,
    });
  }
  const exact = /totals equal the events' sums with the tail: yes/.test(output);
  const targetsMet = rows.length > 0 && rows.every((r) => r.p99 < TARGET_MS);
  printTarget(
    "creator analytics",
    targetsMet,
    rows.map((r) => `${r.case}: p50 ${r.p50} ms, p99 ${r.p99} ms`).join("; ") || "no figures",
  );
  return {
    rows: rows.map((r) => ({ ...r, faults: exact ? "totals exact" : "totals WRONG" })),
    correct: exact && rows.length > 0,
    targetsMet,
  };
};

/** The lines of the script's "Everything folded" table (the first table after that title). */
function foldedTable(output: string): string[] {
  const lines = output.slice(output.indexOf("Everything folded")).split("\n").slice(1);
  const start = lines.findIndex((line) => line.startsWith("|"));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && !line.startsWith("|"));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** Runs bench/analytics.ts as `pnpm bench:analytics` does, echoing and returning its output. */
function runAnalyticsScript(adminUrl: string, short: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ANALYTICS_SCRIPT], {
      env: {
        ...process.env,
        DATABASE_URL: adminUrl,
        ...(short ? { BENCH_GIFTS: "20000", BENCH_CALLS: "10" } : {}),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 || output.includes("Everything folded")
        ? resolve(output)
        : reject(new Error(`bench/analytics.ts exited with ${code}`)),
    );
  });
}
