/**
 * A fixed-window counter per key (an IP address, a user id), in this process's memory. Each API
 * process limits on its own, so N processes allow up to N times the figure; keys are dropped when
 * their window ends. `now` is passed in so tests control time.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; hits: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit; returns how long to wait (ms) when over the limit, or 0 when allowed. */
  hit(key: string, now: number): number {
    if (this.windows.size > 100_000) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.windows.set(key, { startedAt: now, hits: 1 });
      return 0;
    }
    window.hits += 1;
    return window.hits > this.limit ? window.startedAt + this.windowMs - now : 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}
