import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";
import { isPurchaseId } from "./purchase-id.ts";

const POLL_MS = 25;
const GIVE_UP_MS = 30_000;
/** Far longer than settling takes; only a holder that crashed mid-way leaves a lease to expire. */
const LEASE_SECONDS = 120;

/** The lock keys the current async call chain holds, so a nested call re-enters instead of waiting. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * Runs `work` holding the lock of the purchase's buyer: settling, failing and reversing any of
 * one buyer's purchases happen one at a time, across API processes, however many webhook
 * deliveries arrive at once, so each settlement sees which of the buyer's purchases settled
 * before it (the first-purchase bonus). Re-entrant within one call chain (the sandbox page holds
 * it while it hands its event to the webhook handler).
 */
export async function withPurchaseLock<T>(
  sql: Sql,
  purchaseId: string,
  work: () => Promise<T>,
): Promise<T> {
  const [row] = isPurchaseId(purchaseId)
    ? await sql<{ user_id: string }[]>`select user_id from purchases where id = ${purchaseId}`
    : [];
  // No such purchase: nothing to serialise, and `work` finds nothing either.
  if (!row) return work();
  return withLease(sql, `purchases-of:${row.user_id}`, work);
}

/**
 * Runs `work` holding a lease row (`purchase_locks`) on `key`. A lease, not a session advisory
 * lock, so the holder keeps no connection while `work` queries through the pool: with a
 * connection held per holder, deliveries for as many buyers as the pool has connections each
 * waited for one more, and the process hung. Waiters poll; a lease whose holder died expires
 * after `LEASE_SECONDS`.
 */
async function withLease<T>(sql: Sql, key: string, work: () => Promise<T>): Promise<T> {
  const keys = held.getStore() ?? new Set<string>();
  if (keys.has(key)) return work();
  const holder = randomUUID();
  for (let waitedMs = 0; waitedMs < GIVE_UP_MS; waitedMs += POLL_MS) {
    const [taken] = await sql<{ holder: string }[]>`
      insert into purchase_locks (lock_key, holder, expires_at)
      values (${key}, ${holder}, now() + make_interval(secs => ${LEASE_SECONDS}))
      on conflict (lock_key) do update
        set holder = excluded.holder, expires_at = excluded.expires_at
        where purchase_locks.expires_at < now()
      returning holder`;
    if (taken?.holder === holder) {
      try {
        return await held.run(new Set([...keys, key]), work);
      } finally {
        // Unreachable now, the lease simply expires.
        await sql`delete from purchase_locks where lock_key = ${key} and holder = ${holder}`.catch(
          () => {},
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * (0.5 + Math.random())));
  }
  throw new Error(`${key} stayed locked for ${GIVE_UP_MS / 1000} s`);
}
