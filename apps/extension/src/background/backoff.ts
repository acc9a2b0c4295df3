/** The first reconnect waits this long; each failure after doubles it, up to the cap. */
export const FIRST_RETRY_MS = 1_000;
/** Reconnects never wait longer than this. */
export const MAX_RETRY_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first after a drop): 1 s, 2 s,
 * 4 s ... capped at 30 s. `jitter` in [0, 1) spreads reconnects of many clients over the last
 * fifth of the wait, so a restarted API is not hit by every extension in the same instant.
 */
export function retryDelayMs(attempt: number, jitter = 0): number {
  const exponent = Math.max(0, Math.min(Math.floor(attempt), 30));
  const base = Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
  const spread = Math.min(Math.max(jitter, 0), 0.999);
  return Math.round(base * (1 - 0.2 * spread));
}
