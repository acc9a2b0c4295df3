import type { Sql } from "@coinstream/db";

/**
 * Publishes a `goal` stream event for each of these live sessions whose goal has progressed since
 * its last goal event. The analytics fold calls it after folding events into session totals.
 */
export async function emitGoalProgress(_sql: Sql, _sessionIds: readonly string[]): Promise<void> {
  // Filled in by the live sessions and goals work.
}
