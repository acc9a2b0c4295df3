import type { Ledger, Sql } from "@coinstream/db";
import { PgBoss } from "pg-boss";
import type { PayoutProvider } from "../payments/payout-provider.ts";
import { releaseHeldDiamonds } from "../services/earnings/release-held-diamonds.ts";
import { processPendingWithdrawals } from "../services/payouts/withdrawals.ts";

/** The recurring jobs and what each does; every one is safe to run twice or concurrently. */
export const JOBS = {
  "release-held-diamonds": (deps: JobDeps) =>
    releaseHeldDiamonds(deps.sql, deps.ledger, new Date()),
  "void-expired-pending": (deps: JobDeps) => deps.ledger.voidExpiredPendingTransfers(),
  "process-withdrawals": (deps: JobDeps) =>
    processPendingWithdrawals(deps.sql, deps.ledger, deps.payouts),
} as const;

export interface JobDeps {
  readonly sql: Sql;
  readonly ledger: Ledger;
  readonly payouts: PayoutProvider;
}

/**
 * Starts the Postgres-backed job queue (pg-boss, in its own schema) with the API: each job is
 * scheduled every minute and worked here; with several API processes, pg-boss hands each run to
 * one of them.
 */
export async function startJobs(databaseUrl: string, deps: JobDeps) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss" });
  boss.on("error", (error) => console.error("job queue error", error));
  await boss.start();
  for (const [name, run] of Object.entries(JOBS)) {
    await boss.createQueue(name);
    await boss.schedule(name, "* * * * *");
    await boss.work(name, async () => {
      await run(deps);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 5_000 }) };
}
