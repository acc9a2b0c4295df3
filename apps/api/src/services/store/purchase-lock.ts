import type { Sql } from "@coinstream/db";

const POLL_MS = 25;
const GIVE_UP_MS = 30_000;

/**
 * Runs `work` holding the purchase's lock: settling and reversing one purchase happen one at a
 * time, however many webhook deliveries arrive at once.
 */
export function withPurchaseLock<T>(
  sql: Sql,
  purchaseId: string,
  work: () => Promise<T>,
): Promise<T> {
  return withAdvisoryLock(sql, `purchase:${purchaseId}`, work);
}

/**
 * Runs `work` holding the buyer's lock: settlements of one buyer's purchases decide the
 * first-purchase bonus one at a time. Taken inside a purchase's lock, never around one.
 */
export function withBuyerLock<T>(sql: Sql, userId: string, work: () => Promise<T>): Promise<T> {
  return withAdvisoryLock(sql, `buyer:${userId}`, work);
}

/**
 * Runs `work` holding a PostgreSQL session advisory lock on `key`, so it holds across API
 * processes. Waiters poll instead of blocking, so a burst of deliveries holds no connections the
 * lock holder needs.
 */
export async function withAdvisoryLock<T>(
  sql: Sql,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  for (let waitedMs = 0; waitedMs < GIVE_UP_MS; waitedMs += POLL_MS) {
    const connection = await sql.reserve();
    let isLocked = false;
    try {
      const [row] = await connection<{ locked: boolean }[]>`
        select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
      isLocked = row?.locked === true;
      if (isLocked) return await work();
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
