import type { Sql } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";
import { announceGoalCleared } from "./goal-progress.ts";
import { readSessionProgress, type SessionProgress } from "./session-progress.ts";

/** A session left open this long without a single event is ended by the job. */
export const IDLE_SESSION_HOURS = 12;

/**
 * Ends the caller's live session and returns it with its totals, or null when they were not live
 * (so a retried call is harmless). An overlay showing its goal is told the goal is gone.
 */
export async function endSession({
  sql,
  creator,
  now,
}: Pick<CreatorContext, "sql" | "creator" | "now">): Promise<SessionProgress | null> {
  return sql.begin(async (tx) => {
    const [ended] = await tx<{ id: string; goal_coins: bigint | null }[]>`
      update stream_sessions set ended_at = greatest(started_at, ${now})
      where creator_user_id = ${creator.userId} and ended_at is null
      returning id, goal_coins`;
    if (!ended) return null;
    const [session] = await readSessionProgress(tx, { ids: [ended.id] });
    if (session && ended.goal_coins !== null) await announceGoalCleared(tx, session);
    return session ?? null;
  });
}

/**
 * Ends sessions open for over `IDLE_SESSION_HOURS` with no event in that time (a creator who
 * forgot to end their stream). The end is put at the last event, or the start when there was
 * none, so session lengths stay truthful. Safe to run twice or concurrently.
 */
export async function endIdleSessions(sql: Sql, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDLE_SESSION_HOURS * 3_600_000);
  const idle = await sql<{ id: string; last_at: Date }[]>`
    select s.id, coalesce(
      (select max(e.created_at) from stream_events e
       where e.creator_user_id = s.creator_user_id and e.created_at >= s.started_at
         and e.session_id = s.id),
      s.started_at) as last_at
    from stream_sessions s
    where s.ended_at is null and s.started_at < ${cutoff}`;
  let ended = 0;
  for (const candidate of idle) {
    if (candidate.last_at >= cutoff) continue;
    await sql.begin(async (tx) => {
      // Rechecked under the update: an event since the read keeps the session open.
      const [row] = await tx<{ id: string; goal_coins: bigint | null }[]>`
        update stream_sessions s set ended_at = ${candidate.last_at}
        where s.id = ${candidate.id} and s.ended_at is null
          and not exists (select 1 from stream_events e
                          where e.creator_user_id = s.creator_user_id and e.created_at >= ${cutoff}
                            and e.session_id = s.id)
        returning id, goal_coins`;
      if (!row) return;
      ended += 1;
      if (row.goal_coins !== null) {
        const [session] = await readSessionProgress(tx, { ids: [row.id] });
        if (session) await announceGoalCleared(tx, session);
      }
    });
  }
  return ended;
}
