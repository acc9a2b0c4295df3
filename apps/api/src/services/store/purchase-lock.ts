import { AsyncLocalStorage } from "node:async_hooks";
import type { Sql } from "@coinstream/db";
import { isPurchaseId } from "./purchase-id.ts";

const POLL_MS = 25;
const GIVE_UP_MS = 30_000;

/** The lock keys the current async call chain holds, so a nested call re-enters instead of waiting. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * Runs `work` holding the lock of the purchase's buyer: settling, failing and reversing any of
 * one buyer's purchases happen one at a time, however many webhook deliveries arrive at once, so
 * each settlement sees which of the buyer's purchases settled before it (the first-purchase
 * bonus). One lock, not one per purchase and one per buyer, so a settlement holds one pooled
 * connection for it. Re-entrant within one call chain (the sandbox page holds it while it hands
 * its event to the webhook handler).
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
  return withAdvisoryLock(sql, `purchases-of:${row.user_id}`, work);
}

/**
 * Runs `work` holding a PostgreSQL session advisory lock on `key`, so it holds across API
 * processes. Waiters poll instead of blocking, so a burst of deliveries holds no connections the
 * lock holder needs.
 */
async function withAdvisoryLock<T>(sql: Sql, key: string, work: () => Promise<T>): Promise<T> {
  const keys = held.getStore() ?? new Set<string>();
  if (keys.has(key)) return work();
  for (let waitedMs = 0; waitedMs < GIVE_UP_MS; waitedMs += POLL_MS) {
    const connection = await sql.reserve();
    let isLocked = false;
    try {
      const [row] = await connection<{ locked: boolean }[]>`
        select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
      isLocked = row?.locked === true;
      if (isLocked) return await held.run(new Set([...keys, key]), work);
    } finally {
      // A lost connection took its session's lock with it.
      if (isLocked) {
        await connection`select pg_advisory_unlock(hashtextextended(${key}, 0))`.catch(() => {});
      }
      connection.release();
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * (0.5 + Math.random())));
  }
  throw new Error(`${key} stayed locked for ${GIVE_UP_MS / 1000} s`);
}
