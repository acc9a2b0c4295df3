import { DomainError, DomainErrorCode } from "../errors.ts";
import { sumChecked } from "../money/integers.ts";
import { DAY_MS, MINUTE_MS } from "../time.ts";
import type { SpendRecord } from "./spending-limits.ts";

/**
 * Lengths of the rolling windows limits are counted over, in milliseconds. Windows roll rather
 * than follow the calendar, so no time zone decides when a cap resets.
 */
export const SPEND_WINDOW_MS = {
  minute: MINUTE_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
} as const;

/**
 * Whether a spend at `at` counts in the window of `windowMs` that ends at `now`: the window is
 * (now - windowMs, now], and spends dated after `now` count too, so clock skew never frees
 * room.
 */
export function isInWindow(at: Date, now: Date, windowMs: number): boolean {
  return at.getTime() > now.getTime() - windowMs;
}

/** Coins spent in the window of `windowMs` ending at `now`; `OVERFLOW` if beyond 2^53. */
export function sumCoinsInWindow(
  history: readonly SpendRecord[],
  now: Date,
  windowMs: number,
): number {
  return sumChecked(history.filter((s) => isInWindow(s.at, now, windowMs)).map((s) => s.coins));
}

/** Number of spends in the window of `windowMs` ending at `now`. */
export function countSpendsInWindow(
  history: readonly SpendRecord[],
  now: Date,
  windowMs: number,
): number {
  return history.filter((s) => isInWindow(s.at, now, windowMs)).length;
}

/** `date` moved on by `ms`, or `OVERFLOW` when that leaves the range a Date can hold. */
export function addMilliseconds(date: Date, ms: number): Date {
  const moved = new Date(date.getTime() + ms);
  if (Number.isNaN(moved.getTime())) {
    throw new DomainError(DomainErrorCode.OVERFLOW, "The date is too far in the future.", {
      date: date.toISOString(),
      ms,
    });
  }
  return moved;
}

/**
 * The earliest instant, at or after `now`, at which `needed` more units fit under `capacity` in
 * the window of `windowMs`, if nothing else is spent: past spends leave the window one by one,
 * oldest first, and a spend at `at` stops counting at `at + windowMs`. `weigh` says how much of
 * the capacity each spend takes (its coins, or 1 when counting spends). `null` when `needed`
 * is more than `capacity`, so no wait is long enough.
 */
export function findRollOutTime(
  history: readonly SpendRecord[],
  now: Date,
  windowMs: number,
  capacity: number,
  needed: number,
  weigh: (spend: SpendRecord) => number,
): Date | null {
  if (needed > capacity) return null;
  const inWindow = history
    .filter((s) => isInWindow(s.at, now, windowMs))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const allowance = capacity - needed;
  const used = sumChecked(inWindow.map(weigh));
  if (used <= allowance) return now;
  const excess = used - allowance;
  let rolledOut = 0;
  for (const spend of inWindow) {
    rolledOut += weigh(spend);
    if (rolledOut >= excess) return addMilliseconds(spend.at, windowMs);
  }
  // Unreachable: rolling everything out frees `used`, which is more than `excess`.
  return null;
}
