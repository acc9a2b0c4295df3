import type { Sql } from "@coinstream/db";
import {
  type GoalProgress,
  STREAM_EVENTS_CHANNEL,
  type StreamEvent,
} from "../../realtime/stream-event.ts";
import { type Queryable, readSessionProgress, type SessionProgress } from "./session-progress.ts";

/**
 * Publishes a `goal` stream event for each of these live sessions whose goal has progressed since
 * its last goal event. The analytics fold calls it after folding events into session totals.
 * It takes the pool and runs its own transaction: call it after the fold has committed.
 */
export async function emitGoalProgress(sql: Sql, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await sql.begin((tx) => emitGoalProgressIn(tx, sessionIds));
}

/**
 * `emitGoalProgress` inside the caller's transaction. The sessions' rows are locked first (in id
 * order), so concurrent callers announce a change once; progress is read after the lock, in a
 * fresh snapshot, and compared with the session's last goal event. The first time progress
 * reaches the target, `goal_reached_at` is set and stays.
 */
export async function emitGoalProgressIn(
  tx: Queryable,
  sessionIds: readonly string[],
): Promise<void> {
  const locked = await tx<{ id: string }[]>`
    select id from stream_sessions
    where id = any(${[...sessionIds]}::uuid[]) and ended_at is null and goal_coins is not null
    order by id for update`;
  if (locked.length === 0) return;
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
  }
}

/**
 * Tells overlays a session's goal is gone (cleared, or the session ended): a goal event without
 * `goal`.
 */
export async function announceGoalCleared(
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
  // NOTIFY inside the transaction: Postgres delivers it only after commit.
  await tx`
    with inserted as (
      insert into stream_events (creator_user_id, kind, coins, diamonds, session_id, payload)
      values (${session.creatorUserId}, 'goal', 0, 0, ${session.id}, ${JSON.stringify(payload)}::text::jsonb)
      returning id, creator_user_id
    )
    select pg_notify(${STREAM_EVENTS_CHANNEL}, creator_user_id || ':' || id) from inserted`;
}
