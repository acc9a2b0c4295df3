import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accountId, connect, createLedger, getBalances, type Sql } from "@coinstream/db";
import {
  ApiProcess,
  choosePort,
  createPostgresProcess,
  type PostgresProcess,
} from "@coinstream/test-harness";
import { fundWallets, type Person, signUpPeople } from "./people.ts";
import { type Cleanup, step } from "./scenario.ts";

/** The ports the fault scenarios use (kept apart from the dev server's and the test suites'). */
export const FAULT_PORTS = { api: 3300, postgres: 54430 } as const;
/** The demo creator the API seeds on its first start: every gift of the load goes to them. */
export const CREATOR_HANDLE = "nova";

export interface Stage {
  readonly postgres: PostgresProcess;
  readonly api: ApiProcess;
  /** The scenario's own connections, for seeding and verifying. */
  readonly sql: Sql;
  readonly people: readonly Person[];
  readonly creator: { readonly heldAccount: string; readonly heldBefore: bigint };
  readonly logFile: string;
}

/**
 * A PostgreSQL and an API of their own (temp dirs, fault ports), `people` viewers signed up and
 * in over HTTP with `coins` each (none when 0), and the demo creator to gift to.
 */
export async function openStage(
  cleanup: Cleanup,
  options: { people: number; coins: bigint; apiEnv?: Readonly<Record<string, string>> },
): Promise<Stage> {
  const workDir = await mkdtemp(join(tmpdir(), "coinstream-faults-"));
  cleanup.add(() => rm(workDir, { recursive: true, force: true }), { keepOnFailure: true });
  const postgres = await createPostgresProcess(FAULT_PORTS.postgres, "coinstream");
  cleanup.add(() => postgres.destroy());
  const url = postgres.url("coinstream");
  const logFile = join(workDir, "api.log");
  const api = new ApiProcess({
    port: await choosePort(FAULT_PORTS.api),
    databaseUrl: url,
    authSecret: randomBytes(32).toString("hex"),
    logFile,
    readyTimeoutMs: 60_000,
    ...(options.apiEnv ? { env: options.apiEnv } : {}),
  });
  cleanup.add(() => api.stop());
  const startMs = await api.start();
  step(
    `PostgreSQL on :${postgres.port} (${postgres.dataDir}), API on ${api.baseUrl} in ${startMs.toFixed(0)} ms`,
  );

  const sql = connect(url, 4);
  cleanup.add(() => sql.end({ timeout: 1 }));
  const people = await signUpPeople(api.baseUrl, sql, options.people);
  cleanup.add(async () => {
    for (const person of people) person.client.close();
  });
  if (options.coins > 0n) {
    const ledgerSql = connect(url, 2);
    await fundWallets(createLedger(ledgerSql), people, options.coins);
    await ledgerSql.end();
  }
  step(`${people.length} viewers signed up and in over HTTP, ${options.coins} coins each`);

  const [creator] = await sql<{ user_id: string }[]>`
    select user_id from creators where handle = ${CREATOR_HANDLE}`;
  if (!creator) throw new Error(`the demo creator @${CREATOR_HANDLE} is missing`);
  const heldAccount = accountId({ ownerId: creator.user_id, purpose: "creator_held" });
  const heldBefore = (await getBalances(sql, [heldAccount])).get(heldAccount)?.creditsPosted ?? 0n;
  return { postgres, api, sql, people, creator: { heldAccount, heldBefore }, logFile };
}
