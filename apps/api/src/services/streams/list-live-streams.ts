import { rankStreams } from "@coinstream/core";
import type { PublicContext, ServiceContext } from "../service-context.ts";
import { countBoostImpressions } from "../studio/boost-reach.ts";

/**
 * Live streams for discovery, ranked (see `rankLiveStreams`). A signed-in viewer's listing
 * counts an impression for each boosted stream in it (once per boost per reach window).
 */
export async function listLiveStreams(ctx: Pick<PublicContext, "sql" | "viewer" | "now">) {
  const streams = await rankLiveStreams(ctx);
  await countBoostImpressions(ctx, streams);
  return streams;
}

/**
 * Live streams (creators with an open session), ranked by core's discovery score: gifts of the
 * last 15 minutes and active boosts. A boost promotes a stream only while it is live.
 */
async function rankLiveStreams({ sql, now }: Pick<ServiceContext, "sql" | "now">) {
  const since = new Date(now.getTime() - 15 * 60_000);
  const rows = await sql<
    {
      user_id: string;
      handle: string;
      title: string | null;
      started_at: Date;
      boost_ends_at: Date | null;
      gifts: { coins: number; at: string }[] | null;
    }[]
  >`
    with candidates as (
      select creator_user_id as user_id, title, started_at from stream_sessions where ended_at is null
    )
    select c.user_id, cr.handle, c.title, c.started_at,
      (select max(ends_at) from stream_boosts b where b.creator_user_id = c.user_id) as boost_ends_at,
      (select json_agg(json_build_object('coins', (e.payload->>'coins')::int8, 'at', e.created_at))
         from stream_events e where e.creator_user_id = c.user_id and e.created_at > ${since}) as gifts
    from candidates c join creators cr on cr.user_id = c.user_id`;
  const ranked = rankStreams(
    rows.map((row) => ({
      streamId: row.handle,
      title: row.title,
      liveSince: row.started_at.toISOString(),
      boostEndsAt: row.boost_ends_at,
      recentGifts: (row.gifts ?? []).map((gift) => ({
        coins: Number(gift.coins),
        at: new Date(gift.at),
      })),
    })),
    now,
  );
  return ranked.slice(0, 50).map((stream) => ({
    handle: stream.streamId,
    title: stream.title,
    liveSince: stream.liveSince,
    score: stream.score,
    boosted: stream.boostEndsAt !== null && stream.boostEndsAt > now,
    boostEndsAt: stream.boostEndsAt?.toISOString() ?? null,
  }));
}
