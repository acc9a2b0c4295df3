import type { Sql } from "@coinstream/db";
import type { ViewerStyle } from "../../realtime/stream-event.ts";
import { readFolded } from "../analytics/read-folded.ts";
import { type GifterTotal, topGiftersAllTime } from "../analytics/top-gifters.ts";
import type { ServiceContext } from "../service-context.ts";
import { requireCreator, type StreamTarget } from "./resolve-creator.ts";

/** How far back "live" looks until stream sessions are tracked: a long stream's length. */
export const LIVE_WINDOW_HOURS = 8;

const LEADERBOARD_SIZE = 10;

export interface LeaderboardEntry {
  readonly rank: number;
  readonly name: string;
  readonly coins: number;
  /** Gifts, tips and paid messages. */
  readonly gifts: number;
  /** The cosmetics the supporter wears; absent when they wear none. */
  readonly viewerStyle?: ViewerStyle;
}

/**
 * The top supporters of a creator by coins given (gifts, tips, paid messages), over the live
 * window or all time (from the analytics roll-ups plus the events not folded yet), each with
 * the badge frame and name colour they wear. Names only: who a viewer is stays private.
 */
export async function getLeaderboard(
  { sql, now }: Pick<ServiceContext, "sql" | "now">,
  { creatorUserId, period }: { readonly creatorUserId: string; readonly period: "live" | "all" },
): Promise<LeaderboardEntry[]> {
  const top =
    period === "all"
      ? await readFolded(sql, (tx, foldedBelow) =>
          topGiftersAllTime(tx, creatorUserId, foldedBelow, LEADERBOARD_SIZE),
        )
      : await topGiftersSince(
          sql,
          creatorUserId,
          new Date(now.getTime() - LIVE_WINDOW_HOURS * 3_600_000),
        );
  const styles = await viewerStyles(
    sql,
    top.map((entry) => entry.viewerUserId),
  );
  return top.map((entry, index) => {
    const style = styles.get(entry.viewerUserId);
    return {
      rank: index + 1,
      name: entry.name,
      coins: Number(entry.coins),
      gifts: Number(entry.events),
      ...(style ? { viewerStyle: style } : {}),
    };
  });
}

/** A few hours of events: read directly. */
async function topGiftersSince(
  sql: Sql,
  creatorUserId: string,
  since: Date,
): Promise<GifterTotal[]> {
  const rows = await sql<{ viewer_user_id: string; name: string; coins: bigint; events: bigint }[]>`
    select viewer_user_id, (array_agg(payload->>'viewerName' order by id desc))[1] as name,
           sum(coins)::int8 as coins, count(*)::int8 as events
    from stream_events
    where creator_user_id = ${creatorUserId} and created_at >= ${since}
      and kind in ('gift', 'tip', 'message') and viewer_user_id is not null
    group by viewer_user_id
    order by coins desc, min(id)
    limit ${LEADERBOARD_SIZE}`;
  return rows.map((row) => ({
    viewerUserId: row.viewer_user_id,
    name: row.name,
    coins: row.coins,
    events: row.events,
  }));
}

async function viewerStyles(
  sql: Sql,
  viewerUserIds: readonly string[],
): Promise<Map<string, ViewerStyle>> {
  if (viewerUserIds.length === 0) return new Map();
  const rows = await sql<
    { user_id: string; badge_frame: string | null; name_color: string | null }[]
  >`
    select user_id, badge_frame, name_color from viewer_profiles
    where user_id = any(${viewerUserIds as string[]}::text[])
      and (badge_frame is not null or name_color is not null)`;
  return new Map(
    rows.map((row) => [row.user_id, { badgeFrame: row.badge_frame, nameColor: row.name_color }]),
  );
}

/** `streams.leaderboard`: the top supporters of the creator behind a stream page or handle. */
export async function getStreamLeaderboard(
  ctx: Pick<ServiceContext, "sql" | "now">,
  { to, period }: { readonly to: StreamTarget; readonly period: "live" | "all" },
) {
  const creator = await requireCreator(ctx.sql, to, ctx.now);
  return { period, entries: await getLeaderboard(ctx, { creatorUserId: creator.userId, period }) };
}
