import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ApiProcess,
  type ApiStack,
  runEveryStep,
  settleAll,
  startApiStack,
} from "@coinstream/test-harness";
import { buildExtension } from "./build-extension.ts";
import { EXTENSION_ORIGINS } from "./extension-ids.ts";

type Sql = Parameters<Parameters<ApiStack["withDatabase"]>[0]>[0];

/** A part of the run that `stop` closes: a browser, a stand-in site. */
interface Closable {
  readonly close: () => Promise<unknown>;
}

export interface E2eRunOptions {
  readonly target: "chrome-mv3" | "firefox-mv3";
  /** Fixed: the build names the API's URL. */
  readonly apiPort: number;
  readonly postgresPort: number;
  /** test-output/<outputName>/ receives the screenshots and the API's log. */
  readonly outputName: string;
}

/**
 * One end-to-end run of the extension: its build for `target`, pointed at the API, made while a
 * fresh embedded PostgreSQL and the API as its own process (trusting both browsers' extension
 * origins, demo people seeded) start; then whatever the suite keeps (browsers, stand-in sites).
 * `stop` closes everything that did start, whatever failed on the way.
 */
export class E2eRun {
  readonly apiUrl: string;
  readonly outputDir: string;
  private built: string | null = null;
  private stack: ApiStack | null = null;
  private readonly kept: Closable[] = [];

  constructor(private readonly options: E2eRunOptions) {
    this.apiUrl = `http://127.0.0.1:${options.apiPort}`;
    this.outputDir = fileURLToPath(
      new URL(`../../test-output/${options.outputName}/`, import.meta.url),
    );
  }

  /**
   * Builds the extension while PostgreSQL and the API start, with `alongside` (stand-in sites,
   * say); each part is kept as soon as it is up, and the first failure is thrown once all settled.
   */
  async start(alongside: readonly Promise<unknown>[] = []): Promise<void> {
    await mkdir(this.outputDir, { recursive: true });
    await settleAll([
      buildExtension(this.apiUrl, this.options.target).then((dir) => {
        this.built = dir;
      }),
      startApiStack({
        apiPort: this.options.apiPort,
        postgresPort: this.options.postgresPort,
        api: { env: { TRUSTED_ORIGINS: EXTENSION_ORIGINS.join(",") } },
      }).then((stack) => {
        this.stack = stack;
      }),
      ...alongside,
    ]);
  }

  /** Keeps `part` for `stop` (the last kept closes first) and answers it. */
  keep<T extends Closable>(part: T): T {
    this.kept.push(part);
    return part;
  }

  /** Closes every kept part, stops the API (its log kept as api.log) and PostgreSQL. */
  stop(): Promise<void> {
    return runEveryStep([
      ...[...this.kept].reverse().map((part) => () => part.close()),
      () => this.stack?.stop(join(this.outputDir, "api.log")),
    ]);
  }

  /** The built extension's folder. */
  get extensionDir(): string {
    if (this.built === null) throw new Error("the extension is not built: start the run first");
    return this.built;
  }

  get api(): ApiProcess {
    return this.started().api;
  }

  /** The API's side of a failure, so a red run says what the server saw. */
  apiLogTail(): string {
    return this.stack?.api.output().slice(-4_000) ?? "";
  }

  /** test-output/<outputName>/<name>.png */
  screenshotPath(name: string): string {
    return join(this.outputDir, `${name}.png`);
  }

  /** One short-lived connection to the API's database. */
  withDatabase<T>(use: (sql: Sql) => Promise<T>): Promise<T> {
    return this.started().withDatabase(use);
  }

  /** What `checkLedger` finds wrong in the API's ledger (nothing: balanced). */
  ledgerViolations() {
    return this.started().ledgerViolations();
  }

  /** The wallet balance of the person with `email`: credits less posted and pending debits. */
  async walletCoins(email: string): Promise<number> {
    const wallet = await this.wallet(email);
    return wallet.credits - wallet.debitsPosted - wallet.debitsPending;
  }

  /** Every coin the person with `email` ever spent or reserved: their wallet's debits. */
  async walletSpentCoins(email: string): Promise<number> {
    const wallet = await this.wallet(email);
    return wallet.debitsPosted + wallet.debitsPending;
  }

  private wallet(email: string) {
    return this.withDatabase(async (sql) => {
      const [row] = await sql<{ credits: string; debits_posted: string; debits_pending: string }[]>`
        select a.credits_posted::text as credits, a.debits_posted::text as debits_posted,
          a.debits_pending::text as debits_pending
        from ledger_accounts a join users u on u.id = a.owner_id
        where u.email = ${email} and a.purpose = 'viewer_wallet'`;
      if (!row) throw new Error(`no wallet for ${email}`);
      return {
        credits: Number(row.credits),
        debitsPosted: Number(row.debits_posted),
        debitsPending: Number(row.debits_pending),
      };
    });
  }

  private started(): ApiStack {
    if (this.stack === null) throw new Error("the API is not running: start the run first");
    return this.stack;
  }
}

/**
 * Each browser's suite on ports of its own (fixed, as the build names the API; the environment
 * moves them), so both suites, and two checkouts, can run on one machine at once.
 */
const SUITES = {
  chromium: {
    target: "chrome-mv3",
    apiPort: Number(process.env.E2E_API_PORT ?? 3100),
    postgresPort: Number(process.env.E2E_POSTGRES_PORT ?? 54410),
    outputName: "e2e",
  },
  firefox: {
    target: "firefox-mv3",
    apiPort: Number(process.env.E2E_FIREFOX_API_PORT ?? 3300),
    postgresPort: Number(process.env.E2E_FIREFOX_POSTGRES_PORT ?? 54430),
    outputName: "e2e-firefox",
  },
} as const satisfies Record<string, E2eRunOptions>;

/** The E2E run of `browser`'s suite (E2E_API_PORT... or E2E_FIREFOX_API_PORT... move its ports). */
export function e2eRunFor(browser: keyof typeof SUITES): E2eRun {
  return new E2eRun(SUITES[browser]);
}
