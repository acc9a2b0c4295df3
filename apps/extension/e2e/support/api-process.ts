import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ApiProcess {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Everything the API wrote to stdout and stderr so far. */
  readonly output: () => string;
  /** The link in the verification email the API logged for `email` (no SMTP configured). */
  readonly verificationLink: (email: string, timeoutMs?: number) => Promise<string>;
  readonly stop: () => Promise<void>;
}

/**
 * Starts the API as its own process, the way `pnpm start` runs it, on `port` against
 * `databaseUrl`, and waits for /health. Without SMTP_URL it logs emails, links included; without
 * Stripe keys it serves the sandbox checkout and pays withdrawals through the sandbox.
 */
export async function startApi(options: {
  readonly port: number;
  readonly databaseUrl: string;
  readonly trustedOrigins: readonly string[];
}): Promise<ApiProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The API runs as a user would start it, not with the test runner's mode or mail and payment settings.
    if (/^(NODE_ENV|VITEST.*|SMTP_URL|MAIL_FROM|STRIPE_.*|PUBLIC_URL|CHANNEL_.*)$/.test(key)) {
      continue;
    }
    env[key] = value;
  }
  Object.assign(env, {
    HOST: "127.0.0.1",
    PORT: String(options.port),
    DATABASE_URL: options.databaseUrl,
    TRUSTED_ORIGINS: options.trustedOrigins.join(","),
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO: "1", // @nova, her channels and the demo stream page, as `pnpm start` has them
  });
  // Its own process group, so stopping it stops anything it started.
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForHealth(url, exited, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    output: () => output,
    verificationLink: (email, timeoutMs = 15_000) =>
      waitFor(
        () => findVerificationLink(output, email),
        timeoutMs,
        () => `no verification email to ${email} in the API's log:\n${output.slice(-3_000)}`,
      ),
    stop,
  };
}

/** The first link after the last logged mail to `email` (LogMailer's `[mail] to:` line). */
export function findVerificationLink(log: string, email: string): string | null {
  const start = log.lastIndexOf(`[mail] to: ${email.toLowerCase()}`);
  if (start < 0) return null;
  return /https?:\/\/\S+/.exec(log.slice(start))?.[0] ?? null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForHealth(
  url: string,
  exited: Promise<number | null>,
  output: () => string,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`the API exited (${exitCode}) before it was ready:\n${output()}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(
    `the API did not answer ${url}/health within ${READY_TIMEOUT_MS} ms:\n${output()}`,
  );
}

async function waitFor<T>(
  read: () => T | null,
  timeoutMs: number,
  describeFailure: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(describeFailure());
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
