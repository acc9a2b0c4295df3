import type { GoalProgress } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { announceStreamEvents } from "../../realtime/announce-stream-events.ts";
import type { StreamEvent } from "../../realtime/stream-event.ts";
import { type Queryable, readSessionProgress, type SessionProgress } from "./session-progress.ts";

/**
 * Publishes a `goal` stream event for each of these live sessions whose goal has progressed since
 * its last goal event. The analytics fold calls it after folding events into session totals.
 * It takes the pool and runs its own transaction, and announces the events once it committed.
 */
export async function emitGoalProgress(sql: Sql, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const creators = await sql.begin((tx) => emitGoalProgressIn(tx, sessionIds));
  await announceStreamEvents(sql, creators);
}

/**
 * `emitGoalProgress` inside the caller's transaction. The sessions' rows are locked first (in id
 * order), so concurrent callers announce a change once; progress is read after the lock, in a
 * fresh snapshot, and compared with the session's last goal event. The first time progress
 * reaches the target, `goal_reached_at` is set and stays. Returns the creators whose streams got
 * an event: the caller announces them after its commit (`announceStreamEvents`), never inside.
 */
export async function emitGoalProgressIn(
  tx: Queryable,
  sessionIds: readonly string[],
): Promise<string[]> {
  const locked = await tx<{ id: string }[]>`
    select id from stream_sessions
    where id = any(${[...sessionIds]}::uuid[]) and ended_at is null and goal_coins is not null
    order by id for update`;
  if (locked.length === 0) return [];
  const creators: string[] = [];
  const sessions = await readSessionProgress(tx, { ids: locked.map((row) => row.id) });
  for (const session of sessions) {
    if (!session.goal) continue;
    const [last] = await tx<{ goal: GoalProgress | null }[]>`
      select payload->'goal' as goal from stream_events
      where creator_user_id = ${session.creatorUserId} and kind = 'goal' and session_id = ${session.id}
      order by id desc limit 1`;
    if (last?.goal && isSameGoal(last.goal, session.goal)) continue;
    if (session.goal.reached && session.goalReachedAt === null) {
      await tx`update stream_sessions set goal_reached_at = now() where id = ${session.id}`;
    }
    await insertGoalEvent(tx, session, session.goal);
    creators.push(session.creatorUserId);
  }
  return creators;
}

/**
 * Stores the event that tells overlays a session's goal is gone (cleared, or the session ended):
 * a goal event without `goal`. The caller announces it after its commit.
 */
export async function recordGoalCleared(
  tx: Queryable,
  session: Pick<SessionProgress, "id" | "creatorUserId" | "handle">,
): Promise<void> {
  await insertGoalEvent(tx, session, null);
}

function isSameGoal(a: GoalProgress, b: GoalProgress): boolean {
  return (
    a.title === b.title &&
    a.targetCoins === b.targetCoins &&
    a.progressCoins === b.progressCoins &&
    a.reached === b.reached
  );
}

async function insertGoalEvent(
  tx: Queryable,
  session: Pick<SessionProgress, "id" | "creatorUserId" | "handle">,
  goal: GoalProgress | null,
): Promise<void> {
  const payload: Omit<StreamEvent, "id" | "kind"> = {
    creatorHandle: session.handle,
    viewerName: "",
    coins: 0,
    giftId: null,
    count: 0,
    comboCount: 0,
    comboId: null,
    message: null,
    at: new Date().toISOString(),
    ...(goal ? { goal } : {}),
  };
  // Announced after commit by the caller: a NOTIFY in here would take Postgres's global notify
  // lock across the commit (docs/BENCHMARKS.md).
  await tx`
    insert into stream_events (creator_user_id, kind, coins, diamonds, session_id, payload)
    values (${session.creatorUserId}, 'goal', 0, 0, ${session.id}, ${JSON.stringify(payload)}::text::jsonb)`;
}
