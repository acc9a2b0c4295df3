import { type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every `everyMs` until it answers true; throws naming `what` after `timeoutMs`.
 * Answers how long it waited (ms). A `check` that throws stops the wait with its error.
 */
export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
  everyMs = 100,
): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) {
      throw new Error(`${what} not ready after ${timeoutMs} ms`);
    }
    await sleep(everyMs);
  }
  return performance.now() - started;
}

/** Runs a command to completion; rejects with its output when it fails. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${output}`)),
    );
  });
}

/** Binds 127.0.0.1:`port` (0: any) for a moment: the port it got, or null when it is taken. */
function tryBind(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : null));
    });
  });
}

/**
 * `preferred` when it is free, else any free port (0: any): other programs' outgoing
 * connections may hold a port for a while as their local end (it lies in the ephemeral range).
 */
export async function choosePort(preferred = 0): Promise<number> {
  const port = (await tryBind(preferred)) ?? (await tryBind(0));
  if (port === null) throw new Error("no free port on 127.0.0.1");
  return port;
}

/**
 * Throws when one of `ports` is taken on 127.0.0.1: a leftover server on a fixed port would
 * answer /health and the run would test the wrong one.
 */
export async function assertPortsFree(ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if ((await tryBind(port)) === null) {
      throw new Error(`port ${port} is in use: stop what listens there (a leftover run?)`);
    }
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Waits for every task, then throws the first failure (so each part that did start is kept). */
export async function settleAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

/** Runs every step in order even when one fails, then throws the first failure: a teardown. */
export async function runEveryStep(
  steps: readonly (() => Promise<unknown> | unknown)[],
): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
