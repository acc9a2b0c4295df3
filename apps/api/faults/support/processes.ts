import { type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";

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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it answers true; throws naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) {
      throw new Error(`${what} not ready after ${timeoutMs} ms`);
    }
    await sleep(100);
  }
  return performance.now() - started;
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
 * `preferred` when it is free, else any free port: other programs' outgoing connections may hold
 * it for a while as their local end (it lies in the ephemeral range).
 */
export async function choosePort(preferred: number): Promise<number> {
  const port = (await tryBind(preferred)) ?? (await tryBind(0));
  if (port === null) throw new Error("no free port on 127.0.0.1");
  return port;
}
