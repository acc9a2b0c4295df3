// Summarises V8 .cpuprofile files (from BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR") by
// self time: per module (package or source file) and per function, so a profile reads as a
// table in a terminal rather than in DevTools.
//
//   tsx bench/profile/summarise-cpu-profile.ts DIR_OR_FILE... [--top 40] [--gifts N] [--span-of sendGift]
//
// With --gifts N the table adds microseconds per gift (busy time only: idle samples excluded).
// --span-of F counts only samples between the first and the last whose stack holds a function
// named F, so the start-up (module loading, the benchmark's sign-ins) stays out of the figures.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A package name, a source file under the repo, or V8's own labels ((garbage collector)...). */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm?.[1]) return pnpm[1];
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (plain?.[1]) return plain[1];
  if (url.startsWith("node:")) return url;
  const repo = /\/(apps|packages)\/(.+)$/.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url;
}

function profilesIn(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith(".cpuprofile"))
          .map((name) => join(path, name))
      : [path],
  );
}

/** The first and last sample index whose stack holds a function named `name`. */
function spanOfFunction(profile: CpuProfile, name: string): [number, number] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const named = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === name).map((node) => node.id),
  );
  const holds = new Map<number, boolean>();
  const stackHolds = (id: number): boolean => {
    const known = holds.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const answer = named.has(id) || (up !== undefined && stackHolds(up));
    holds.set(id, answer);
    return answer;
  };
  let first = -1;
  let last = -1;
  profile.samples.forEach((id, i) => {
    if (!stackHolds(id)) return;
    if (first < 0) first = i;
    last = i;
  });
  return first < 0 ? [1, 0] : [first, last];
}

/**
 * Layers of a gift's path, by where a sample's leaf-most own frame (not Node's internals) lies;
 * the first layer that matches wins. The split in docs/BENCHMARKS.md is this table.
 */
const LAYERS: readonly (readonly [string, readonly string[]])[] = [
  [
    "session (Better Auth, drizzle, HMAC)",
    [
      "better-auth",
      "better-call",
      "drizzle-orm",
      "auth-routes",
      "viewer-from-session",
      "crypto/util",
      "crypto/keys",
      "crypto/mac",
      "webcrypto",
    ],
  ],
  ["GC", ["(garbage collector)"]],
  ["postgres.js (socket writes, parsing)", ["postgres/src"]],
  ["ledger batch (packages/db)", ["packages/db/src"]],
  ["tRPC + zod", ["@trpc", "zod"]],
  ["services + core", ["apps/api/src/services", "packages/core"]],
  [
    "Hono, node server, web Request/Response",
    ["hono/dist", "node-server", "undici", "webstreams", "abort_controller"],
  ],
  ["logging", ["pino", "sonic-boom", "request-log"]],
  ["session cache key", ["credentials-key"]],
  ["uuid", ["uuid/dist"]],
];
const NODE_INTERNALS = "node internals (sockets, HTTP parser, timers)";

function layerOf(stack: readonly ProfileNode["callFrame"][]): string {
  for (const { functionName, url } of stack) {
    const isGc = functionName === "(garbage collector)";
    const isNodeOwn =
      url.startsWith("node:") && !/undici|webstreams|abort_controller|crypto/.test(url);
    if ((!url && !isGc) || isNodeOwn) continue;
    const key = isGc ? functionName : url;
    const layer = LAYERS.find(([, parts]) => parts.some((part) => key.includes(part)));
    if (layer) return layer[0];
  }
  return NODE_INTERNALS;
}

function addTo(totals: Map<string, number>, key: string, us: number): void {
  totals.set(key, (totals.get(key) ?? 0) + us);
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return null;
    const [value] = args.splice(at, 2).slice(1);
    return value ?? null;
  };
  const top = Number(option("--top") ?? 40);
  const gifts = Number(option("--gifts") ?? 0);
  const spanOf = option("--span-of");
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byLayer = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  for (const file of profilesIn(args)) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const [from, to] = spanOf ? spanOfFunction(profile, spanOf) : [0, Infinity];
    const parent = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parent.set(child, node.id);
    const stackOf = (id: number) => {
      const frames: ProfileNode["callFrame"][] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at)?.callFrame;
        if (frame) frames.push(frame);
      }
      return frames;
    };
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      if (!node || i < from || i > to) return;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)" || functionName === "(program)") {
        idleUs += functionName === "(idle)" ? us : 0;
        if (functionName === "(idle)") return;
      }
      busyUs += us;
      const module = moduleOf(url, functionName);
      addTo(byModule, module, us);
      addTo(byFunction, `${functionName || "(anonymous)"} ${module}:${lineNumber + 1}`, us);
      addTo(byLayer, layerOf(stackOf(id)), us);
    });
  }
  const print = (title: string, totals: Map<string, number>) => {
    console.log(`\n${title}`);
    const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [name, us] of rows) {
      const share = ((100 * us) / busyUs).toFixed(1).padStart(5);
      const perGift = gifts > 0 ? `${(us / gifts).toFixed(1).padStart(7)} us/gift  ` : "";
      console.log(`${share}%  ${perGift}${name}`);
    }
  };
  console.log(
    `busy ${(busyUs / 1e6).toFixed(2)} s, idle ${(idleUs / 1e6).toFixed(2)} s` +
      (gifts > 0 ? `, ${(busyUs / 1e3 / gifts).toFixed(3)} ms busy per gift` : ""),
  );
  print("self time by layer", byLayer);
  print("self time by module", byModule);
  print("self time by function", byFunction);
}

main();
