/** The longest wait between attempts once an account and address keep failing. */
const MAX_WAIT_MS = 15 * 60_000;
/** A quiet day forgets the failures. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/**
 * Per account and address, in this process's memory: after `freeFailures` wrong passwords, each
 * further attempt waits 1 s, then twice as long after each failure, up to 15 minutes; a correct
 * password clears it. Keyed on the address too, so a stranger's guesses cannot lock the owner
 * out. An attempt counts as failed when it starts (a burst cannot slip past before the first
 * answers) and is given back when it ends any other way than a wrong password.
 */
export class SignInBackoff {
  readonly #entries = new Map<string, { failures: number; lastAt: number }>();

  constructor(private readonly freeFailures = 5) {}

  /** Starts an attempt: 0 when it may go ahead (now counted), else the ms to wait. */
  begin(key: string, now: number): number {
    if (this.#entries.size > 100_000) this.#sweep(now);
    const entry = this.#entries.get(key);
    if (entry && now - entry.lastAt < FORGET_AFTER_MS && entry.failures >= this.freeFailures) {
      const wait = Math.min(MAX_WAIT_MS, 1_000 * 2 ** (entry.failures - this.freeFailures));
      const remaining = entry.lastAt + wait - now;
      if (remaining > 0) return remaining;
    }
    const failures = entry && now - entry.lastAt < FORGET_AFTER_MS ? entry.failures : 0;
    this.#entries.set(key, { failures: failures + 1, lastAt: now });
    return 0;
  }

  /** Ends an attempt `begin` let through. */
  end(key: string, outcome: "wrong-password" | "signed-in" | "other"): void {
    if (outcome === "wrong-password") return;
    const entry = this.#entries.get(key);
    if (!entry) return;
    if (outcome === "signed-in" || entry.failures <= 1) this.#entries.delete(key);
    else entry.failures -= 1;
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (now - entry.lastAt >= FORGET_AFTER_MS) this.#entries.delete(key);
    }
  }
}
