import {
  findRunningBoost,
  getReachMinute,
  getReachWindowStart,
  toSafeInteger,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { CreatorContext, PublicContext } from "../service-context.ts";

/**
 * Who has been counted for which boost in the current reach window, on this process: a viewer
 * refreshing the listing within the window adds nothing. Per process (a refresh that lands on
 * another API worker counts once more there); cleared as windows pass, and wholesale past
 * `MAX_REMEMBERED` (counting a few views twice rather than growing without bound).
 */
const seen = new Set<string>();
let seenWindow = 0;
const MAX_REMEMBERED = 200_000;

function firstInWindow(boostId: string, viewerUserId: string, window: Date): boolean {
  if (window.getTime() !== seenWindow || seen.size >= MAX_REMEMBERED) {
    seen.clear();
    seenWindow = window.getTime();
  }
  const key = `${boostId}|${viewerUserId}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/** Boosts running now for these creators' streams, by creator. */
async function runningBoosts(sql: Sql, handles: readonly string[], now: Date) {
  if (handles.length === 0) return new Map<string, string>();
  const rows = await sql<{ handle: string; id: string; minutes: number; ends_at: Date }[]>`
    select c.handle, b.id, b.minutes, b.ends_at from stream_boosts b
    join creators c on c.user_id = b.creator_user_id
    where c.handle = any(${handles}::text[]) and b.ends_at > ${now}`;
  const byHandle = new Map<string, { id: string; minutes: number; endsAt: Date }[]>();
  for (const row of rows) {
    const list = byHandle.get(row.handle) ?? [];
    list.push({ id: row.id, minutes: row.minutes, endsAt: new Date(row.ends_at) });
    byHandle.set(row.handle, list);
  }
  const running = new Map<string, string>();
  for (const [handle, boosts] of byHandle) {
    const boost = findRunningBoost(boosts, now);
    if (boost) running.set(handle, boost.id);
  }
  return running;
}

/**
 * Counts one impression for each boosted stream in a `streams.live` listing a signed-in viewer
 * saw (once per viewer per boost per reach window; anonymous listings count nothing, so no one
 * inflates a boost's reach without an account). One counter upsert per listing call that adds
 * any: a row per boost per minute, never a row per view.
 */
export async function countBoostImpressions(
  { sql, viewer, now }: Pick<PublicContext, "sql" | "viewer" | "now">,
  listing: readonly { readonly handle: string; readonly boosted: boolean }[],
): Promise<number> {
  if (viewer === null) return 0;
  const viewerUserId = viewer.userId;
  const boosted = listing.filter((stream) => stream.boosted).map((stream) => stream.handle);
  const running = await runningBoosts(sql, boosted, now);
  const window = getReachWindowStart(now);
  const ids = [...running.values()].filter((id) => firstInWindow(id, viewerUserId, window));
  if (ids.length === 0) return 0;
  await sql`
    insert into boost_reach_minutes as r (boost_id, minute, impressions)
    select id, ${getReachMinute(now)}, 1 from unnest(${ids}::uuid[]) as id
    on conflict (boost_id, minute) do update set impressions = r.impressions + 1`;
  return ids.length;
}

/**
 * A viewer opens a stream from the listing: counts a click for the boost running on it (once
 * per viewer per boost per reach window, exactly: a row per viewer and window) and answers
 * where the stream is (the creator's verified channel, best first).
 */
export async function openListedStream(
  { sql, viewer, now }: Pick<PublicContext, "sql" | "viewer" | "now">,
  input: { readonly handle: string },
) {
  const handle = input.handle.toLowerCase();
  const viewerUserId = viewer?.userId ?? null;
  const [channel] = await sql<{ url: string | null }[]>`
    select ch.url from creators c join creator_channels ch on ch.creator_user_id = c.user_id
    where c.handle = ${handle} and ch.verified_at is not null and ch.unlinked_at is null
    order by ch.followers_counted desc, ch.followers desc limit 1`;
  const boostId = (await runningBoosts(sql, [handle], now)).get(handle) ?? null;
  let counted = false;
  if (boostId && viewerUserId) {
    const [row] = await sql<{ inserted: boolean }[]>`
      with click as (
        insert into boost_clicks (boost_id, viewer_key, window_start)
        values (${boostId}, ${viewerUserId}, ${getReachWindowStart(now)})
        on conflict do nothing returning boost_id
      ), counter as (
        insert into boost_reach_minutes as r (boost_id, minute, clicks)
        select boost_id, ${getReachMinute(now)}, 1 from click
        on conflict (boost_id, minute) do update set clicks = r.clicks + 1
      )
      select exists (select 1 from click) as inserted`;
    counted = row?.inserted ?? false;
  }
  return { handle, url: channel?.url ?? null, boosted: boostId !== null, counted };
}

/** The boosts of the caller's stream, newest first, with their reach. */
export async function listCreatorBoosts({
  sql,
  creator: { userId },
  now,
}: Pick<CreatorContext, "sql" | "creator" | "now">) {
  const rows = await sql<
    {
      id: string;
      buyer_user_id: string;
      minutes: number;
      coins: bigint;
      ends_at: Date;
      created_at: Date;
      impressions: bigint;
      clicks: bigint;
    }[]
  >`
    select b.id, b.buyer_user_id, b.minutes, b.coins, b.ends_at, b.created_at,
           coalesce(sum(r.impressions), 0)::int8 as impressions, coalesce(sum(r.clicks), 0)::int8 as clicks
    from stream_boosts b left join boost_reach_minutes r on r.boost_id = b.id
    where b.creator_user_id = ${userId}
    group by b.id order by b.created_at desc limit 100`;
  return rows.map((row) => {
    const endsAt = new Date(row.ends_at);
    const startsAt = new Date(endsAt.getTime() - row.minutes * 60_000);
    return {
      id: row.id,
      /** Paid by the creator (promoting their own stream) or by a supporter. */
      paidBy: row.buyer_user_id === userId ? ("you" as const) : ("supporter" as const),
      minutes: row.minutes,
      coins: toSafeInteger(row.coins),
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      isRunning: startsAt < now && now <= endsAt,
      impressions: toSafeInteger(row.impressions),
      clicks: toSafeInteger(row.clicks),
    };
  });
}
