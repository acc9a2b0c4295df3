import {
  AUTO_SESSION_IDLE_MS,
  getInactiveSessionEnd,
  isPageLiveAt,
  LIVE_REPORT_FRESH_MS,
  type SessionStart,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { announceStreamEvents } from "../../realtime/announce-stream-events.ts";
import { STREAM_EVENTS_FOLD } from "../analytics/supporter-coins.ts";
import type { ServiceContext } from "../service-context.ts";
import { recordGoalCleared } from "../sessions/goal-progress.ts";
import { readSessionProgress } from "../sessions/session-progress.ts";
import { requireCreator, type StreamTarget } from "../streams/resolve-creator.ts";

/** A page's report is written at most this often per creator (reports repeat every minute). */
const REPORT_WRITE_EVERY_MS = 30_000;

/**
 * Records that the creator's stream page (`to`) says the stream is live. Reports more than
 * `LIVE_REPORT_FRESH_MS` apart start a new run (`live_since`); within a run at most one write
 * per 30 s, however many viewers' extensions report it.
 */
export async function reportPageLive(
  { sql, now }: Pick<ServiceContext, "sql" | "now">,
  input: { readonly to: StreamTarget },
) {
  const { userId: creatorUserId } = await requireCreator(sql, input.to, now);
  await sql`
    insert into creator_live_signals as l (creator_user_id, live_since, last_live_at)
    values (${creatorUserId}, ${now}, ${now})
    on conflict (creator_user_id) do update set
      live_since = case when l.last_live_at < ${new Date(now.getTime() - LIVE_REPORT_FRESH_MS)}
                        then excluded.live_since else l.live_since end,
      last_live_at = excluded.last_live_at
    where l.last_live_at < ${new Date(now.getTime() - REPORT_WRITE_EVERY_MS)}`;
  return { reported: true as const };
}

/**
 * Starts a session for each creator whose first viewer event (gift, tip, paid message) outside a
 * session arrived while their page reported live (core's `isPageLiveAt`): the session starts at
 * that event (`started_by = 'auto'`) and takes in the events since then that analytics has not
 * folded yet, so its totals count them. Runs before each analytics fold, under the fold's lock,
 * so an event is either attached before it is folded or was folded before the session existed.
 * Only creators with a recent live report are looked at.
 */
export async function startLiveSessions(sql: Sql, now: Date): Promise<number> {
  const lookBack = new Date(now.getTime() - AUTO_SESSION_IDLE_MS);
  const candidates = await sql<
    { creator_user_id: string; live_since: Date; last_live_at: Date; first_at: Date | null }[]
  >`
    select l.creator_user_id, l.live_since, l.last_live_at,
      (select min(e.created_at) from stream_events e
       where e.creator_user_id = l.creator_user_id and e.created_at > greatest(${lookBack}, l.live_since - ${`${LIVE_REPORT_FRESH_MS} milliseconds`}::interval)
         and e.kind in ('gift', 'tip', 'message') and e.session_id is null) as first_at
    from creator_live_signals l
    where l.last_live_at > ${lookBack}
      and not exists (select 1 from stream_sessions s where s.creator_user_id = l.creator_user_id and s.ended_at is null)`;
  let started = 0;
  for (const candidate of candidates) {
    const firstAt = candidate.first_at ? new Date(candidate.first_at) : null;
    const reports = {
      since: new Date(candidate.live_since),
      last: new Date(candidate.last_live_at),
    };
    if (!firstAt || !isPageLiveAt(reports, firstAt)) continue;
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtextextended(${`analytics_fold:${STREAM_EVENTS_FOLD}`}, 0))`;
      const [session] = await tx<{ id: string }[]>`
        insert into stream_sessions (creator_user_id, started_at, started_by)
        values (${candidate.creator_user_id}, ${firstAt}, 'auto')
        on conflict (creator_user_id) where ended_at is null do nothing
        returning id`;
      if (!session) return;
      started += 1;
      await tx`
        update stream_events set session_id = ${session.id}
        where creator_user_id = ${candidate.creator_user_id} and session_id is null
          and kind in ('gift', 'tip', 'message') and created_at >= ${firstAt}
          and tx >= coalesce((select folded_below from analytics_progress where name = ${STREAM_EVENTS_FOLD}), '0'::xid8)`;
    });
  }
  return started;
}

/**
 * Ends open sessions that went quiet (core's `getInactiveSessionEnd`: 30 minutes without a viewer
 * event or a live report for a session that started by itself, 12 hours for one the creator
 * started), at their last activity, `ended_by = 'inactivity'`. Rechecked under the update, so
 * an event or report since the read keeps the session open; safe to run twice or concurrently.
 */
export async function endInactiveSessions(sql: Sql, now: Date): Promise<number> {
  const open = await sql<
    {
      id: string;
      started_by: SessionStart;
      started_at: Date;
      last_event_at: Date | null;
      last_live_at: Date | null;
    }[]
  >`
    select s.id, s.started_by, s.started_at,
      (select max(e.created_at) from stream_events e
       where e.creator_user_id = s.creator_user_id and e.created_at >= s.started_at
         and e.session_id = s.id) as last_event_at,
      (select l.last_live_at from creator_live_signals l where l.creator_user_id = s.creator_user_id) as last_live_at
    from stream_sessions s
    where s.ended_at is null and s.started_at < ${new Date(now.getTime() - AUTO_SESSION_IDLE_MS)}`;
  let ended = 0;
  for (const session of open) {
    const endAt = getInactiveSessionEnd(
      {
        startedBy: session.started_by,
        startedAt: new Date(session.started_at),
        lastEventAt: session.last_event_at && new Date(session.last_event_at),
        lastLiveReportAt: session.last_live_at && new Date(session.last_live_at),
      },
      now,
    );
    if (!endAt) continue;
    // Timestamps come back to the millisecond: anything within it is the last activity itself.
    const after = new Date(endAt.getTime() + 1);
    const cleared = await sql.begin(async (tx) => {
      const [row] = await tx<{ id: string; goal_coins: bigint | null }[]>`
        update stream_sessions s set ended_at = ${endAt}, ended_by = 'inactivity'
        where s.id = ${session.id} and s.ended_at is null
          and not exists (select 1 from stream_events e
                          where e.creator_user_id = s.creator_user_id and e.created_at >= ${after}
                            and e.session_id = s.id)
          and not exists (select 1 from creator_live_signals l
                          where l.creator_user_id = s.creator_user_id and l.last_live_at >= ${after})
        returning id, goal_coins`;
      if (!row) return null;
      ended += 1;
      if (row.goal_coins === null) return null;
      const [progress] = await readSessionProgress(tx, { ids: [row.id] });
      if (progress) await recordGoalCleared(tx, progress);
      return progress?.creatorUserId ?? null;
    });
    // Announced after the commit: a NOTIFY inside the transaction would take the global notify lock.
    if (cleared !== null) await announceStreamEvents(sql, [cleared]);
  }
  return ended;
}
