import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sleep, waitFor } from "./processes.ts";

const API_DIR = fileURLToPath(new URL("../../../apps/api/", import.meta.url));

/** Settings of the runner's own environment the API would read; a run sets its own. */
const RUNNER_ONLY =
  /^(NODE_ENV|VITEST.*|DATABASE_URL|HOST|PORT|API_WORKERS|SEED_DEMO|PAYMENTS|BETTER_AUTH_SECRET|TRUSTED_ORIGINS|SMTP_URL|MAIL_FROM|STRIPE_.*|PUBLIC_URL|CHANNEL_.*)$/;

export interface ApiProcessOptions {
  /** The loopback port (choose one with `choosePort`). */
  readonly port: number;
  readonly databaseUrl?: string;
  /** Keep it across restarts so bearer tokens signed before a kill still work (default: random). */
  readonly authSecret?: string;
  /** `SEED_DEMO=1`: @nova, the demo viewer and the demo stream page (default true). */
  readonly seedDemo?: boolean;
  /** `API_WORKERS` (default 1: the pid is the one process serving HTTP). */
  readonly workers?: number;
  /** Any other settings; they win over the defaults above (undefined: left unset). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Node flags before the server (`--cpu-prof`, ...). */
  readonly nodeArgs?: readonly string[];
  /** Where stdout and stderr go, appended across restarts; without it they are kept in memory. */
  readonly logFile?: string;
  /** How long `start` waits for /health (default 90 s). */
  readonly readyTimeoutMs?: number;
}

/**
 * The API as `pnpm start` runs it (`src/server.ts` under tsx), in a process group of its own,
 * started from the runner's environment without the runner's own mode and settings (NODE_ENV,
 * VITEST, Stripe and mail keys...). Benchmarks, fault scenarios, the extension E2E and the
 * process tests all start it through this.
 */
export class ApiProcess {
  readonly baseUrl: string;
  private child: ChildProcess | null = null;
  private exitedPromise: Promise<number | null> = Promise.resolve(null);
  private memory = { stdout: "", stderr: "" };

  constructor(private readonly options: ApiProcessOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  /** The server's pid (also its process group's id), 0 before `launch`; kept after it exits. */
  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** The server's pid while it runs, else null. */
  get runningPid(): number | null {
    return this.isRunning ? this.pid : null;
  }

  get isRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code (null after a signal) once the process has exited. */
  get exited(): Promise<number | null> {
    return this.exitedPromise;
  }

  /** Everything the server wrote (stdout and stderr) so far. */
  output(): string {
    if (this.options.logFile) return readFileSync(this.options.logFile, "utf8");
    return this.memory.stdout + this.memory.stderr;
  }

  /** What the server wrote to stderr (kept in memory only, without `logFile`). */
  stderr(): string {
    return this.memory.stderr;
  }

  /** Spawns the server without waiting for it (a start expected to fail, say). */
  launch(): void {
    if (this.isRunning) throw new Error(`the API on ${this.baseUrl} already runs`);
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!RUNNER_ONLY.test(key)) env[key] = value;
    }
    Object.assign(env, {
      HOST: "127.0.0.1",
      PORT: String(this.options.port),
      ...(this.options.databaseUrl ? { DATABASE_URL: this.options.databaseUrl } : {}),
      BETTER_AUTH_SECRET: this.options.authSecret ?? randomBytes(32).toString("hex"),
      API_WORKERS: String(this.options.workers ?? 1),
      ...((this.options.seedDemo ?? true) ? { SEED_DEMO: "1" } : {}),
      ...this.options.env,
    });
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const log = this.options.logFile ? openSync(this.options.logFile, "a") : null;
    this.memory = { stdout: "", stderr: "" };
    const child = spawn(
      process.execPath,
      [...(this.options.nodeArgs ?? []), "--import", "tsx", "src/server.ts"],
      {
        cwd: API_DIR,
        env,
        detached: true,
        stdio: ["ignore", log ?? "pipe", log ?? "pipe"],
      },
    );
    if (log !== null) closeSync(log); // the server has its own copy
    child.stdout?.on("data", (chunk: Buffer) => (this.memory.stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (this.memory.stderr += chunk.toString("utf8")));
    this.child = child;
    this.exitedPromise = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    // A runner that dies must not leave its servers behind.
    const killOnExit = () => this.signalGroup("SIGKILL");
    process.once("exit", killOnExit);
    void this.exitedPromise.then(() => process.off("exit", killOnExit));
  }

  /** Starts the server and waits until /health answers 200; answers how long that took (ms). */
  async start(): Promise<number> {
    this.launch();
    try {
      return await waitFor(
        `the API on ${this.baseUrl}`,
        this.options.readyTimeoutMs ?? 90_000,
        async () => {
          if (!this.isRunning) {
            throw new Error(`the API exited (${this.child?.exitCode}):\n${this.tail()}`);
          }
          return (await this.health()).status === 200;
        },
        200,
      );
    } catch (error) {
      await this.stop();
      throw error instanceof Error && error.message.endsWith("ms")
        ? new Error(`${error.message}:\n${this.tail()}`)
        : error;
    }
  }

  /** GET /health: its status (0 when nothing answers) and how long the answer took. */
  async health(timeoutMs = 5_000): Promise<{ status: number; ms: number; database?: string }> {
    const started = performance.now();
    try {
      const response = await fetch(`${this.baseUrl}/health`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as { database?: string };
      return { status: response.status, ms: performance.now() - started, ...body };
    } catch {
      return { status: 0, ms: performance.now() - started };
    }
  }

  /** Sends `signal` to the server alone (its workers hear it from the server). */
  signal(signal: NodeJS.Signals): void {
    if (this.isRunning) this.child?.kill(signal);
  }

  /** SIGKILL to the whole group, as a crash or the OOM killer would; waits until it is gone. */
  async kill9(): Promise<void> {
    this.signalGroup("SIGKILL");
    await this.exitedPromise;
    // Give the kernel a moment to close the sockets of the group's other members.
    await sleep(50);
  }

  /** SIGTERM (the server's graceful shutdown), then SIGKILL to the group if it lingers. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.isRunning) return;
    this.signal("SIGTERM");
    const gone = await Promise.race([
      this.exitedPromise.then(() => true),
      sleep(timeoutMs).then(() => false),
    ]);
    if (!gone) await this.kill9();
    else this.signalGroup("SIGKILL"); // any straggler in the group
  }

  /** The first link after the last mail the server logged to `email` (no SMTP configured). */
  verificationLink(email: string, timeoutMs = 15_000): Promise<string> {
    let link: string | null = null;
    return waitFor(`a verification email to ${email}`, timeoutMs, () => {
      link = findVerificationLink(this.output(), email);
      return link !== null;
    }).then(
      () => link as unknown as string,
      (error: Error) => {
        throw new Error(`${error.message}; the API's log ends:\n${this.output().slice(-3_000)}`);
      },
    );
  }

  private tail(): string {
    return this.output().split("\n").slice(-30).join("\n");
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  }
}

/** The first link after the last logged mail to `email` (LogMailer's `[mail] to:` line). */
export function findVerificationLink(log: string, email: string): string | null {
  const start = log.lastIndexOf(`[mail] to: ${email.toLowerCase()}`);
  if (start < 0) return null;
  return /https?:\/\/\S+/.exec(log.slice(start))?.[0] ?? null;
}
