#!/usr/bin/env node
/*
 * Runs the Plasmo CLI with PLASMO_PUBLIC_API_URL defaulted and normalised to an origin, so the
 * manifest's "$PLASMO_PUBLIC_API_URL/*" host permission is always a valid match pattern (Plasmo
 * leaves an unset variable in the manifest as literal text) and the background sees the same URL.
 * A build always scope-hoists (see withScopeHoisting).
 * Usage: node scripts/plasmo.mjs build --target=firefox-mv3
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { printBundleSizes } from "./report-bundle-sizes.mjs";

const DEFAULT_API_URL = "http://127.0.0.1:3000";

const raw = process.env.PLASMO_PUBLIC_API_URL?.trim() || DEFAULT_API_URL;
let origin;
try {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
  origin = url.origin;
} catch {
  console.error(
    `PLASMO_PUBLIC_API_URL must be an http(s) URL such as ${DEFAULT_API_URL}; got "${raw}"`,
  );
  process.exit(2);
}

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve("plasmo/package.json")), "bin", "index.mjs");
const args = withScopeHoisting(process.argv.slice(2));
const result = spawnSync(process.execPath, [bin, ...args], {
  stdio: "inherit",
  env: { ...process.env, PLASMO_PUBLIC_API_URL: origin },
});
if (result.status === 0 && args[0] === "build" && args.some((a) => a.includes("firefox"))) {
  stripChromeOnlyKeys();
}
if (result.status === 0 && args[0] === "build" && printBundleSizes(builtDir(args)).length > 0) {
  console.error("The build is over its size budget (scripts/report-bundle-sizes.mjs).");
  process.exit(1);
}
process.exit(result.status ?? 1);

/**
 * `plasmo build` leaves Parcel's scope hoisting off unless asked (`--hoist`); without it nothing
 * is tree-shaken: every module a package's entry reaches ships whole (all of core behind one
 * import, @trpc/server's request handling behind @trpc/client). With it, only what is used.
 */
function withScopeHoisting(cliArgs) {
  return cliArgs[0] === "build" && !cliArgs.includes("--hoist") ? [...cliArgs, "--hoist"] : cliArgs;
}

/** Where `plasmo build` wrote: build/<target>-<tag> (chrome-mv3 and prod unless flags say so). */
function builtDir(buildArgs) {
  const flag = (name) =>
    buildArgs.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
  return join(
    dirname(new URL(import.meta.url).pathname),
    "..",
    "build",
    `${flag("target") ?? "chrome-mv3"}-${flag("tag") ?? "prod"}`,
  );
}

/** Firefox warns about `key` (it pins the Chrome extension id, see the README); drop it there. */
function stripChromeOnlyKeys() {
  const buildDir = join(dirname(new URL(import.meta.url).pathname), "..", "build");
  if (!existsSync(buildDir)) return;
  for (const dir of readdirSync(buildDir).filter((name) => name.startsWith("firefox-"))) {
    const file = join(buildDir, dir, "manifest.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    if (!("key" in manifest)) continue;
    delete manifest.key;
    writeFileSync(file, JSON.stringify(manifest));
  }
}
