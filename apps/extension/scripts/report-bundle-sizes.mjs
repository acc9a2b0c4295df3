/*
 * Prints the size of every script and stylesheet in a build folder, raw and gzipped, largest
 * first, with the total a user downloads: the build's bundle-size report.
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
}
