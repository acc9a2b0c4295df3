import type { Ledger, Sql } from "@coinstream/db";
import { PgBoss } from "pg-boss";
import type { PayoutProvider } from "../payments/payout-provider.ts";
import { foldStreamEvents } from "../services/analytics/fold-stream-events.ts";
import { releaseHeldDiamonds } from "../services/earnings/release-held-diamonds.ts";
import {
  processPendingWithdrawals,
  reconcileStuckWithdrawals,
} from "../services/payouts/withdrawals.ts";
import { endIdleSessions } from "../services/sessions/end-session.ts";
import { expireBoosts } from "../services/streams/boost-stream.ts";
import { startLiveSessions } from "../services/studio/live-sessions.ts";
import { openPgBossDatabase } from "./pg-boss-database.ts";

/** The recurring jobs and what each does; every one is safe to run twice or concurrently. */
export const JOBS = {
  "release-held-diamonds": (deps: JobDeps) =>
    releaseHeldDiamonds(deps.sql, deps.ledger, new Date()),
  "void-expired-pending": (deps: JobDeps) => deps.ledger.voidExpiredPendingTransfers(),
  "process-withdrawals": (deps: JobDeps) =>
    processPendingWithdrawals(deps.sql, deps.ledger, deps.payouts),
  "reconcile-withdrawals": (deps: JobDeps) =>
    reconcileStuckWithdrawals(deps.sql, deps.ledger, deps.payouts, new Date()),
  "end-idle-sessions": (deps: JobDeps) => endIdleSessions(deps.sql, new Date()),
  "expire-boosts": (deps: JobDeps) => expireBoosts(deps.sql, new Date()),
} as const;

/**
 * Jobs that run every few seconds, finer than a schedule's minute: each run queues the next one
 * `everySeconds` later, and the minute schedule restarts the chain if it broke (a process died
 * mid-run). The queue's `stately` policy keeps at most one run queued and one running, so the
 * schedule never starts a second chain.
 */
export const FREQUENT_JOBS = {
  // A viewer event while the page reports live starts a session first, so the fold counts it in.
  "fold-analytics": {
    everySeconds: 2,
    run: async (deps: JobDeps) => {
      await startLiveSessions(deps.sql, new Date());
      return foldStreamEvents(deps.sql);
    },
  },
} as const;

export interface JobDeps {
  readonly sql: Sql;
  readonly ledger: Ledger;
  readonly payouts: PayoutProvider;
}

/**
 * Starts the Postgres-backed job queue (pg-boss, in its own schema) with the API, on
 * postgres.js like the rest of the API: each job is scheduled every minute and worked here; with
 * several API processes, pg-boss hands each run to one of them.
 */
export async function startJobs(databaseUrl: string, deps: JobDeps) {
  const database = openPgBossDatabase(databaseUrl);
  const boss = new PgBoss({ db: database.db, schema: "pgboss" });
  let stopping = false;
  // While shutting down, lost connections are expected (Ctrl-C stops the embedded Postgres too).
  boss.on("error", (error) => stopping || console.error("job queue error", error));
  try {
    await boss.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  for (const [name, run] of Object.entries(JOBS)) {
    await boss.createQueue(name);
    await boss.schedule(name, "* * * * *");
    await boss.work(name, async () => {
      await run(deps);
    });
  }
  for (const [name, job] of Object.entries(FREQUENT_JOBS)) {
    await boss.createQueue(name, { policy: "stately", retryLimit: 0, deleteAfterSeconds: 3_600 });
    await boss.schedule(name, "* * * * *");
    await boss.work(name, { pollingIntervalSeconds: 1 }, async () => {
      try {
        await job.run(deps);
      } finally {
        await queueNextRun(boss, name, job.everySeconds);
      }
    });
    await boss.send(name, null);
  }
  return {
    boss,
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 5_000 }).catch(() => {});
      await database.close();
    },
  };
}

/**
 * Queues a frequent job's next run, trying again every `retryEveryMs` until the database takes
 * it. A run cut short by the database going away would otherwise leave the chain broken, and
 * the stately queue would not start another while that run stayed marked active.
 */
export async function queueNextRun(
  boss: Pick<PgBoss, "send">,
  name: string,
  afterSeconds: number,
  retryEveryMs = 1_000,
): Promise<void> {
  for (;;) {
    try {
      await boss.send(name, null, { startAfter: afterSeconds });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, retryEveryMs));
    }
  }
}
