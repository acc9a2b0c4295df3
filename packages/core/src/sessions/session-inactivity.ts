import { HOUR_MS, MINUTE_MS } from "../time.ts";

export type SessionStart = "manual" | "auto";

/** An automatic session ends after this long without a viewer event or a live report. */
export const AUTO_SESSION_IDLE_MS = 30 * MINUTE_MS;
/** A session the creator started ends after this long without either (they forgot to end it). */
export const MANUAL_SESSION_IDLE_MS = 12 * HOUR_MS;
/** A page's live report stands for this long: extensions repeat it every minute while live. */
export const LIVE_REPORT_FRESH_MS = 2 * MINUTE_MS;

export interface SessionActivity {
  readonly startedBy: SessionStart;
  readonly startedAt: Date;
  /** The session's latest viewer event (gift, tip, paid message), if any. */
  readonly lastEventAt: Date | null;
  /** The latest report from the creator's page that the stream is live, if any. */
  readonly lastLiveReportAt: Date | null;
}

/** How long an open session may go without activity before it ends. */
export function getSessionIdleLimitMs(startedBy: SessionStart): number {
  return startedBy === "auto" ? AUTO_SESSION_IDLE_MS : MANUAL_SESSION_IDLE_MS;
}

/**
 * When an open session ends for inactivity, seen at `now`: at its last activity (its start, its
 * latest viewer event or live report, whichever is latest, never after `now`) once the idle limit
 * has passed since then; null while it is still active. Ending at the last activity, not at
 * `now`, keeps session lengths truthful however late the job runs.
 */
export function getInactiveSessionEnd(activity: SessionActivity, now: Date): Date | null {
  const candidates = [activity.startedAt, activity.lastEventAt, activity.lastLiveReportAt];
  let last = activity.startedAt.getTime();
  for (const at of candidates) if (at && at.getTime() > last) last = at.getTime();
  last = Math.min(last, Math.max(now.getTime(), activity.startedAt.getTime()));
  return now.getTime() - last >= getSessionIdleLimitMs(activity.startedBy) ? new Date(last) : null;
}

/** A run of live reports from a creator's page: the first of the run and the latest. */
export interface LiveReports {
  readonly since: Date;
  readonly last: Date;
}

/**
 * Whether the creator's page counted as live at `at` (a viewer event's time): within the run of
 * reports, give or take `LIVE_REPORT_FRESH_MS` (reports repeat every minute while live, so the
 * one after the event may come a little later).
 */
export function isPageLiveAt(reports: LiveReports | null, at: Date): boolean {
  if (reports === null) return false;
  return (
    at.getTime() >= reports.since.getTime() - LIVE_REPORT_FRESH_MS &&
    at.getTime() <= reports.last.getTime() + LIVE_REPORT_FRESH_MS
  );
}
