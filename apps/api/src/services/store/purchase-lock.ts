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
 * lock holder needs; at most a third of the pool holds such locks at once (`slotsFor`).
 */
async function withAdvisoryLock<T>(sql: Sql, key: string, work: () => Promise<T>): Promise<T> {
  const keys = held.getStore() ?? new Set<string>();
  if (keys.has(key)) return work();
  const slots = slotsFor(sql);
  for (let waitedMs = 0; waitedMs < GIVE_UP_MS; waitedMs += POLL_MS) {
    await slots.acquire();
    const connection = await sql.reserve().catch((error: unknown) => {
      slots.release();
      throw error;
    });
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
      slots.release();
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * (0.5 + Math.random())));
  }
  throw new Error(`${key} stayed locked for ${GIVE_UP_MS / 1000} s`);
}

/**
 * Lock holders of one pool at a time: each reserves a connection for its lock and needs more for
 * its work (queries, a transaction), so were every connection reserved by a holder, none could
 * finish. A third of the pool (at least one) leaves the rest for their work.
 */
const slotsByPool = new WeakMap<Sql, Slots>();

function slotsFor(sql: Sql): Slots {
  let slots = slotsByPool.get(sql);
  if (!slots) {
    slots = new Slots(Math.max(1, Math.floor(sql.options.max / 3)));
    slotsByPool.set(sql, slots);
  }
  return slots;
}

/** A counting semaphore: `acquire` waits, first come first served, while all slots are taken. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  private free: number;

  constructor(size: number) {
    this.free = size;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
