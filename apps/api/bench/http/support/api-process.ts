import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const API_DIR = fileURLToPath(new URL("../../..", import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/** A real API server (`src/server.ts` under tsx) in a process of its own, on a loopback port. */
export interface ApiProcess {
  readonly baseUrl: string;
  readonly pid: number;
  readonly stop: () => Promise<void>;
}

export interface ApiProcessOptions {
  readonly port: number;
  readonly databaseUrl: string;
  readonly authSecret: string;
  /** Where the server's log lines go (one request line each: the real logging cost). */
  readonly logFile: string;
}

/**
 * Starts `src/server.ts` exactly as `pnpm start` does (tsx, the same env validation), with the
 * per-address rate limit raised: every simulated viewer shares 127.0.0.1. Resolves once
 * `/health` answers with the database up.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const log = openSync(options.logFile, "a");
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      BETTER_AUTH_SECRET: options.authSecret,
      REQUESTS_PER_MINUTE_PER_ADDRESS: "100000000",
      // Every simulated viewer signs in from 127.0.0.1.
      AUTH_ATTEMPTS_PER_MINUTE_PER_ADDRESS: "100000000",
      SEED_DEMO: "1",
      // One process unless BENCH_API_WORKERS says otherwise: the meters read this pid (and its children).
      API_WORKERS: process.env.BENCH_API_WORKERS ?? "1",
    },
    stdio: ["ignore", log, log],
  });
  // A benchmark that dies must not leave its servers behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(child, baseUrl, options.logFile);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { baseUrl, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

async function waitForHealth(child: ChildProcess, baseUrl: string, logFile: string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the API exited with ${child.exitCode}:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API at ${baseUrl} did not answer /health in time:\n${tail(logFile)}`);
}

/** SIGTERM (the server closes its pools and queue), then SIGKILL if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function tail(file: string): string {
  return readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
}
