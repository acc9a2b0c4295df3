import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { AdminContext } from "../service-context.ts";
import { recordAdminAction, recordAdminRead } from "./record-admin-action.ts";

/**
 * Follower counts creators entered for verified channels whose page shows none, waiting for an
 * admin, oldest channel first. The read shows who the creators are, so it is audited.
 */
export async function listEnteredFollowerCounts({
  sql,
  admin,
}: Pick<AdminContext, "sql" | "admin">) {
  const adminUserId = admin.userId;
  return sql.begin(async (tx) => {
    const rows = await tx<
      {
        id: string;
        creator_user_id: string;
        handle: string | null;
        platform: string;
        channel: string;
        url: string | null;
        followers: number;
      }[]
    >`
      select ch.id, ch.creator_user_id, c.handle, ch.platform, ch.channel, ch.url, ch.followers
      from creator_channels ch left join creators c on c.user_id = ch.creator_user_id
      where ch.followers_review = 'pending' and ch.unlinked_at is null
      order by ch.created_at limit 200`;
    await recordAdminRead(tx, adminUserId, "list_entered_follower_counts", { count: rows.length });
    return rows.map((row) => ({
      channelId: row.id,
      userId: row.creator_user_id,
      handle: row.handle,
      platform: row.platform,
      channel: row.channel,
      url: row.url,
      followers: row.followers,
    }));
  });
}

/**
 * Approves an entered follower count (it then counts toward the minimum followers) or rejects
 * it (it does not; the creator may enter another, which waits for review again). Only a count
 * waiting for review can be decided; the decision is audited with the count it was about.
 */
export async function reviewFollowerCount(
  { sql, admin }: Pick<AdminContext, "sql" | "admin">,
  input: { readonly channelId: string; readonly decision: "approve" | "reject" },
) {
  const adminUserId = admin.userId;
  return sql.begin(async (tx) => {
    const [row] = await tx<
      { creator_user_id: string; followers: number; followers_review: string | null }[]
    >`
      select creator_user_id, followers, followers_review from creator_channels
      where id = ${input.channelId} and unlinked_at is null for update`;
    if (!row) throw new DomainError(DomainErrorCode.NOT_FOUND, "No linked channel has that id.");
    if (row.followers_review !== "pending") {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        "This channel has no entered follower count waiting for review.",
        { followersReview: row.followers_review },
      );
    }
    const review = input.decision === "approve" ? "approved" : "rejected";
    await tx`update creator_channels set followers_review = ${review} where id = ${input.channelId}`;
    await recordAdminAction(tx, {
      adminUserId,
      action: `${input.decision}_follower_count`,
      targetType: "channel",
      targetId: input.channelId,
      details: { userId: row.creator_user_id, followers: row.followers },
    });
    return { channelId: input.channelId, followers: row.followers, followersReview: review };
  });
}
