import type { Sql } from "@coinstream/db";
import { announceStreamEvents } from "../../realtime/announce-stream-events.ts";
import type { CreatorContext } from "../service-context.ts";
import { endInactiveSessions } from "../studio/live-sessions.ts";
import { recordGoalCleared } from "./goal-progress.ts";
import { readSessionProgress, type SessionProgress } from "./session-progress.ts";

/**
 * Ends the caller's live session and returns it with its totals, or null when they were not live
 * (so a retried call is harmless). An overlay showing its goal is told the goal is gone.
 */
export async function endSession({
  sql,
  creator,
  now,
}: Pick<CreatorContext, "sql" | "creator" | "now">): Promise<SessionProgress | null> {
  const result = await sql.begin(async (tx) => {
    const [ended] = await tx<{ id: string; goal_coins: bigint | null }[]>`
      update stream_sessions set ended_at = greatest(started_at, ${now}), ended_by = 'manual'
      where creator_user_id = ${creator.userId} and ended_at is null
      returning id, goal_coins`;
    if (!ended) return null;
    const [session] = await readSessionProgress(tx, { ids: [ended.id] });
    const goalCleared = session !== undefined && ended.goal_coins !== null;
    if (goalCleared) await recordGoalCleared(tx, session);
    return { session: session ?? null, goalCleared };
  });
  if (result?.goalCleared) await announceStreamEvents(sql, [creator.userId]);
  return result?.session ?? null;
}

/**
 * Ends sessions that went quiet, at their last activity (see `endInactiveSessions`: 12 hours
 * for a session the creator started, 30 minutes for one that started by itself).
 */
export function endIdleSessions(sql: Sql, now: Date): Promise<number> {
  return endInactiveSessions(sql, now);
}
