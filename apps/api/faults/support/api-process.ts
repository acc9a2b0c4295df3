import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { sleep, waitFor } from "./processes.ts";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");

export interface ApiProcessOptions {
  readonly port: number;
  readonly databaseUrl: string;
  /** Kept across restarts, so bearer tokens signed before a kill still work after it. */
  readonly authSecret: string;
  /** Where the API's stdout and stderr go (appended across restarts). */
  readonly logFile: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The API as `pnpm start` runs it (`tsx src/server.ts`), in a process group of its own: tsx runs
 * the server in a child process, so a kill must reach the whole group.
 */
export class ApiProcess {
  readonly baseUrl: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: ApiProcessOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  /** The process group's id (tsx's pid) while it runs. */
  get pid(): number | null {
    return this.child?.exitCode === null ? (this.child.pid ?? null) : null;
  }

  /** Starts the API and waits until /health answers 200; returns how long that took (ms). */
  async start(): Promise<number> {
    const log = openSync(this.options.logFile, "a");
    const child = spawn(process.execPath, [TSX_CLI, "src/server.ts"], {
      cwd: API_DIR,
      detached: true,
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        // The scenarios signal and kill the server's own pid: one process, as in tests.
        API_WORKERS: "1",
        ...this.options.env,
        HOST: "127.0.0.1",
        PORT: String(this.options.port),
        DATABASE_URL: this.options.databaseUrl,
        BETTER_AUTH_SECRET: this.options.authSecret,
        SEED_DEMO: "1", // the scenarios gift to the demo creator @nova
      },
    });
    closeSync(log); // the API has its own copy
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    return waitFor(`the API on ${this.baseUrl}`, 60_000, async () => {
      if (child.exitCode !== null) {
        throw new Error(`the API exited with ${child.exitCode}; see ${this.options.logFile}`);
      }
      return (await this.health()).status === 200;
    });
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

  /** SIGKILL to the whole group, as a crash or the OOM killer would; waits until it is gone. */
  async kill9(): Promise<void> {
    this.signalGroup("SIGKILL");
    await this.exited;
    // The group's other members (tsx's child) die with it; give the kernel a moment to close sockets.
    await sleep(50);
  }

  /** SIGTERM (the server's graceful shutdown), then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.pid === null) return;
    this.signalGroup("SIGTERM");
    const gone = await Promise.race([
      this.exited.then(() => true),
      sleep(10_000).then(() => false),
    ]);
    if (!gone) await this.kill9();
    else this.signalGroup("SIGKILL"); // any straggler in the group
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
