import { MINUTE_MS } from "../time.ts";

/**
 * A viewer counts once per boost per window, for impressions and for clicks alike: a viewer who
 * refreshes the listing or opens the stream again within the window adds nothing. Windows are
 * fixed 30-minute slots from the Unix epoch, so every process agrees on them.
 */
export const BOOST_REACH_WINDOW_MS = 30 * MINUTE_MS;

/** The start of the reach window `at` falls in. */
export function getReachWindowStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / BOOST_REACH_WINDOW_MS) * BOOST_REACH_WINDOW_MS);
}

/** The minute a reach counter row covers. */
export function getReachMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * The boost (of stacked boosts end to end) whose minutes are running at `at`: each covers
 * (endsAt - minutes, endsAt]. Null when none is.
 */
export function findRunningBoost<B extends { readonly endsAt: Date; readonly minutes: number }>(
  boosts: readonly B[],
  at: Date,
): B | null {
  for (const boost of boosts) {
    const start = boost.endsAt.getTime() - boost.minutes * MINUTE_MS;
    if (start < at.getTime() && at.getTime() <= boost.endsAt.getTime()) return boost;
  }
  return null;
}
