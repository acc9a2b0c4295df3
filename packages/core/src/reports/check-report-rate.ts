import { DAY_MS } from "../time.ts";

/** What a viewer may report. */
export const REPORT_TARGET_KINDS = ["creator", "message", "tip"] as const;
export type ReportTargetKind = (typeof REPORT_TARGET_KINDS)[number];

/** Why: the categories the admin queue sorts by. */
export const REPORT_REASONS = [
  "harassment",
  "hate",
  "sexual_content",
  "violence",
  "scam",
  "impersonation",
  "other",
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Reports one person may file in any rolling 24 hours: enough for real abuse, not for floods. */
export const REPORTS_PER_DAY = 10;

export type ReportRateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAt: Date };

/**
 * Whether a reporter who filed reports at `recent` may file another at `now`: fewer than
 * `REPORTS_PER_DAY` in the rolling 24 hours before `now`. When not, `retryAt` is when the oldest
 * report that still counts leaves the window.
 */
export function checkReportRate(recent: readonly Date[], now: Date): ReportRateDecision {
  const since = now.getTime() - DAY_MS;
  const counting = recent
    .map((at) => at.getTime())
    .filter((at) => at > since && at <= now.getTime())
    .sort((a, b) => b - a);
  if (counting.length < REPORTS_PER_DAY) return { allowed: true };
  // The newest REPORTS_PER_DAY reports fill the window; the oldest of them leaves it first.
  const oldestThatBlocks = counting[REPORTS_PER_DAY - 1] as number;
  return { allowed: false, retryAt: new Date(oldestThatBlocks + DAY_MS) };
}
