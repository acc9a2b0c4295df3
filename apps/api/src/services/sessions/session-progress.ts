import { type GoalProgress, getGoalProgress, toSafeInteger } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { STREAM_EVENTS_FOLD } from "../analytics/supporter-coins.ts";

/** The pool or a transaction: reads here run on either. */
export type Queryable = Sql | Parameters<Parameters<Sql["begin"]>[1]>[0];

/** A live session as its creator and viewers see it, with coins given so far and its goal. */
export interface SessionProgress {
  readonly id: string;
  readonly creatorUserId: string;
  readonly handle: string;
  readonly title: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  /** manual (sessions.start) or auto (a viewer event while the page reported live). */
  readonly startedBy: "manual" | "auto";
  /** manual, inactivity (the job), or null while live or for sessions ended before it was kept. */
  readonly endedBy: "manual" | "inactivity" | null;
  /** Coins given during the session (gifts, tips, paid messages). */
  readonly coins: number;
  readonly goal: GoalProgress | null;
  readonly goalReachedAt: Date | null;
}

interface SessionRow {
  id: string;
  creator_user_id: string;
  handle: string;
  title: string | null;
  started_at: Date;
  ended_at: Date | null;
  started_by: "manual" | "auto";
  ended_by: "manual" | "inactivity" | null;
  goal_coins: bigint | null;
  goal_title: string | null;
  goal_reached_at: Date | null;
  coins: bigint;
}

/**
 * Sessions with their coins so far: the total the analytics fold has added to the session plus
 * the session's events it has not reached yet (`tx` at or past `folded_below`), read in one
 * statement so the two halves agree (see services/analytics/supporter-coins.ts).
 */
export async function readSessionProgress(
  db: Queryable,
  which: { readonly ids: readonly string[] } | { readonly openFor: string },
): Promise<SessionProgress[]> {
  const filter =
    "ids" in which
      ? db`s.id = any(${[...which.ids]}::uuid[])`
      : db`s.creator_user_id = ${which.openFor} and s.ended_at is null`;
  const rows = await db<SessionRow[]>`
    with progress as (
      select coalesce(
        (select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}),
        '0'::xid8) as folded_below
    )
    select s.id, s.creator_user_id, c.handle, s.title, s.started_at, s.ended_at, s.started_by, s.ended_by,
           s.goal_coins, s.goal_title, s.goal_reached_at,
           (s.coins + coalesce((select sum(e.coins) from stream_events e, progress
                                where e.tx >= progress.folded_below and e.session_id = s.id), 0))::int8 as coins
    from stream_sessions s join creators c on c.user_id = s.creator_user_id
    where ${filter}
    order by s.id`;
  return rows.map(toSessionProgress);
}

/** The creator's open session, if they are live. */
export async function readOpenSession(
  db: Queryable,
  creatorUserId: string,
): Promise<SessionProgress | null> {
  const [session] = await readSessionProgress(db, { openFor: creatorUserId });
  return session ?? null;
}

function toSessionProgress(row: SessionRow): SessionProgress {
  const coins = toSafeInteger(row.coins);
  const goal =
    row.goal_coins === null
      ? null
      : getGoalProgress(
          {
            title: row.goal_title,
            targetCoins: toSafeInteger(row.goal_coins),
            recordedReached: row.goal_reached_at !== null,
          },
          coins,
        );
  return {
    id: row.id,
    creatorUserId: row.creator_user_id,
    handle: row.handle,
    title: row.title,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    startedBy: row.started_by,
    endedBy: row.ended_by,
    coins,
    goal,
    goalReachedAt: row.goal_reached_at,
  };
}

/** What procedures return for a session: ISO times, no account ids. */
export function toPublicSession(session: SessionProgress) {
  return {
    id: session.id,
    title: session.title,
    startedAt: session.startedAt.toISOString(),
    endedAt: session.endedAt?.toISOString() ?? null,
    startedBy: session.startedBy,
    endedBy: session.endedBy,
    coins: session.coins,
    goal: session.goal,
  };
}
