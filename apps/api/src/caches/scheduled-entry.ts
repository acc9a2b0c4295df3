/**
 * A per-process memo of something published on a schedule (rate-card activations, guidelines
 * versions): read at `readAt` for request times from `from`, valid until the next scheduled
 * change (`until`, so it takes effect exactly on time) and for at most `maxAgeMs` after the
 * read (so a publish in another process reaches this one within that).
 */
export interface ScheduledEntry {
  readonly from: number;
  readonly until: number;
  readonly readAt: number;
}

export function isFreshScheduled(entry: ScheduledEntry, now: Date, maxAgeMs: number): boolean {
  const at = now.getTime();
  return at >= entry.from && at < entry.until && Date.now() - entry.readAt < maxAgeMs;
}
