import type { CreatorContext } from "../service-context.ts";
import { type ClaimRow, toChannelView } from "./channel-claims.ts";

/** The caller's open claims, verified first, each with its code and where to put it. */
export async function listChannels({
  sql,
  viewer,
  creator,
}: Pick<CreatorContext, "sql" | "viewer" | "creator">) {
  const { handle } = creator;
  const claims = await sql<ClaimRow[]>`
    select * from creator_channels
    where creator_user_id = ${viewer.userId} and unlinked_at is null
    order by verified_at is null, followers_counted desc, followers desc, created_at`;
  return claims.map((claim) => toChannelView(claim, handle));
}
