/*
 * Prints the size of every script and stylesheet in a build folder, raw and gzipped, largest
 * first, with the total a user downloads: the build's bundle-size report. Every script has a
 * budget (raw bytes); the build fails when one is over it, or when a new script has none.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const BUNDLED = /\.(js|css|html)$/;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const KIB = 1024;

/**
 * Raw-size budgets per script, by its name before Plasmo's content hash. The detector runs on
 * every web page: it stays under 10 KB. The others are their measured size plus about 10%
 * (docs/BENCHMARKS.md, "Extension bundles"); raise one only with a reason in that table.
 * Measured on scope-hoisted builds (scripts/plasmo.mjs): React DOM alone is about 200 KiB of
 * every page that renders React.
 */
export const BUDGETS = {
  detector: 10_000,
  "history-bridge": 1 * KIB,
  launcher: 335 * KIB,
  "tabs/panel": 335 * KIB,
  "tabs/confirm": 245 * KIB,
  "tabs/welcome": 270 * KIB,
  popup: 370 * KIB,
  options: 400 * KIB,
  "analytics-charts": 245 * KIB,
  // About half is clients: Better Auth's (with better-fetch, ~27 KiB) and tRPC's (~19 KiB).
  "static/background/index": 95 * KIB,
};

/** A bundle's name without its content hash and extension: "launcher.20b7f07a.js" -> "launcher". */
export function bundleName(file) {
  return file.replace(/\\/g, "/").replace(/(\.[0-9a-f]{8})?\.js$/, "");
}

/** The scripts over their budget, or with none, as messages; empty when all fit. */
export function checkBudgets(rows, budgets = BUDGETS) {
  const problems = [];
  for (const row of rows.filter((r) => r.file.endsWith(".js"))) {
    const name = bundleName(row.file);
    const budget = budgets[name];
    if (budget === undefined) {
      problems.push(
        `${row.file} has no size budget: add "${name}" to BUDGETS in scripts/report-bundle-sizes.mjs`,
      );
    } else if (row.bytes > budget) {
      problems.push(`${row.file} is ${row.bytes} bytes, over its budget of ${budget} bytes`);
    }
  }
  return problems;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Sizes of `dir`'s bundles as rows { file, bytes, gzipBytes }, largest first. */
export function bundleSizes(dir) {
  return filesUnder(dir)
    .filter((path) => BUNDLED.test(path))
    .map((path) => {
      const content = readFileSync(path);
      return {
        file: relative(dir, path),
        bytes: content.length,
        gzipBytes: gzipSync(content).length,
      };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** Prints the sizes and returns the budget problems (empty when every script fits). */
export function printBundleSizes(dir) {
  const rows = bundleSizes(dir);
  const width = Math.max(4, ...rows.map((row) => row.file.length));
  console.log(`\nBundle sizes, ${relative(process.cwd(), dir) || dir}:`);
  console.log(`  ${"file".padEnd(width)}  ${"raw".padStart(10)}  ${"gzip".padStart(10)}`);
  for (const row of rows) {
    console.log(
      `  ${row.file.padEnd(width)}  ${kib(row.bytes).padStart(10)}  ${kib(row.gzipBytes).padStart(10)}`,
    );
  }
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  const totalGzip = rows.reduce((sum, row) => sum + row.gzipBytes, 0);
  console.log(
    `  ${"total".padEnd(width)}  ${kib(total).padStart(10)}  ${kib(totalGzip).padStart(10)}`,
  );
  const problems = checkBudgets(rows);
  for (const problem of problems) console.error(`  over budget: ${problem}`);
  return problems;
}
