/** Durations in milliseconds: core takes time as `Date` or epoch ms and never reads a clock. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
