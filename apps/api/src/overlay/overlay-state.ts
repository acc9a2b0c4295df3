import { toSafeInteger } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { readStreamCursor } from "../realtime/read-stream-cursor.ts";
import { encodeStreamCursor } from "../realtime/stream-cursor.ts";
import { readOpenSession } from "../services/sessions/session-progress.ts";
import { LIVE_WINDOW_HOURS } from "../services/streams/get-leaderboard.ts";

const TOP_GIFTERS = 5;

/**
 * What the overlay draws besides alerts: the live session's goal with its progress and the top
 * gifters (of the session, or of the recent window when not live), with the newest event id the
 * read saw and the cursor the page's event stream starts from. One snapshot for all, so a gift is
 * either in the progress read here or arrives as a later event, never both, even when its
 * transaction commits after a later one's.
 */
export async function getOverlayState(
  sql: Sql,
  creator: { readonly userId: string; readonly handle: string },
  now: Date,
) {
  return sql.begin("isolation level repeatable read read only", async (tx) => {
    const session = await readOpenSession(tx, creator.userId);
    const window = session
      ? tx`e.created_at >= ${session.startedAt} and e.session_id = ${session.id}`
      : tx`e.created_at >= ${new Date(now.getTime() - LIVE_WINDOW_HOURS * 3_600_000)}`;
    const gifters = await tx<{ name: string; coins: bigint; name_color: string | null }[]>`
      select (array_agg(e.payload->>'viewerName' order by e.id desc))[1] as name,
             (array_agg(e.payload->'viewerStyle'->>'nameColor' order by e.id desc))[1] as name_color,
             sum(e.coins)::int8 as coins
      from stream_events e
      where e.creator_user_id = ${creator.userId} and e.viewer_user_id is not null and ${window}
      group by e.viewer_user_id
      order by coins desc, min(e.id)
      limit ${TOP_GIFTERS}`;
    const cursor = await readStreamCursor(tx, creator.userId);
    const [last] = await tx<{ id: bigint }[]>`
      select coalesce(max(id), 0)::int8 as id from stream_events where creator_user_id = ${creator.userId}`;
    return {
      handle: creator.handle,
      live: session !== null,
      title: session?.title ?? null,
      goal: session?.goal ?? null,
      topGifters: gifters.map((row) => ({
        name: row.name,
        coins: toSafeInteger(row.coins),
        nameColor: row.name_color,
      })),
      lastEventId: (last?.id ?? 0n).toString(),
      /** Where the page's event stream starts: exactly after the events this read saw. */
      cursor: encodeStreamCursor(cursor),
    };
  });
}
