import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";

const POLL_MS = 25;
const GIVE_UP_MS = 30_000;
/** Far longer than settling takes; only a holder that crashed mid-way leaves a lease to expire. */
const LEASE_SECONDS = 120;

/**
 * Runs `work` holding the purchase's lock: settling and reversing one purchase happen one at a
 * time, across API processes, however many webhook deliveries arrive at once. The lock is a
 * lease row (`purchase_locks`), not a session advisory lock, so the holder keeps no connection
 * while `work` queries through the pool: with a connection held per holder, deliveries for as
 * many purchases as the pool has connections each waited for one more, and the process hung.
 * Waiters poll; a lease whose holder died expires after `LEASE_SECONDS`.
 */
export async function withPurchaseLock<T>(
  sql: Sql,
  purchaseId: string,
  work: () => Promise<T>,
): Promise<T> {
  const holder = randomUUID();
  for (let waitedMs = 0; waitedMs < GIVE_UP_MS; waitedMs += POLL_MS) {
    const [taken] = await sql<{ holder: string }[]>`
      insert into purchase_locks (purchase_id, holder, expires_at)
      values (${purchaseId}, ${holder}, now() + make_interval(secs => ${LEASE_SECONDS}))
      on conflict (purchase_id) do update
        set holder = excluded.holder, expires_at = excluded.expires_at
        where purchase_locks.expires_at < now()
      returning holder`;
    if (taken?.holder === holder) {
      try {
        return await work();
      } finally {
        // Unreachable now, the lease simply expires.
        await sql`delete from purchase_locks where purchase_id = ${purchaseId} and holder = ${holder}`.catch(
          () => {},
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * (0.5 + Math.random())));
  }
  throw new Error(`purchase ${purchaseId} stayed locked for ${GIVE_UP_MS / 1000} s`);
}
