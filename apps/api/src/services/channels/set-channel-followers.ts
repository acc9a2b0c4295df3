import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { CreatorContext } from "../service-context.ts";
import { type ClaimRow, toChannelView } from "./channel-claims.ts";

/**
 * Records the follower count of a verified channel whose page showed none, marked unverified
 * (`followersVerified: false`) and pending an admin's review: it counts toward eligibility only
 * once approved (`admin.reviewFollowerCount`). A count read from the page is never replaced by
 * an entered one.
 */
export async function setChannelFollowers(
  { sql, viewer, creator }: Pick<CreatorContext, "sql" | "viewer" | "creator">,
  input: { readonly channelId: string; readonly followers: number },
) {
  const { handle } = creator;
  return sql.begin(async (tx) => {
    const [current] = await tx<ClaimRow[]>`
      select * from creator_channels
      where id = ${input.channelId} and creator_user_id = ${viewer.userId} and unlinked_at is null
      for update`;
    if (!current) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such channel among yours.");
    if (!current.verified_at) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN_CHANGE,
        "Verify the channel first; then enter its follower count if its page does not show one.",
      );
    }
    if (current.followers_verified) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN_CHANGE,
        `Your channel's page showed ${current.followers} followers; a count read from the page cannot be replaced by an entered one.`,
        { followers: current.followers },
      );
    }
    const [updated] = await tx<ClaimRow[]>`
      update creator_channels
      set followers = ${input.followers}, followers_verified = false, followers_review = 'pending'
      where id = ${current.id} returning *`;
    await tx`
      insert into channel_audit (platform, channel, action, to_creator_user_id, details)
      values (${current.platform}, ${current.channel}, 'followers_entered', ${viewer.userId},
              ${tx.json({ claimId: current.id, followers: input.followers, previous: current.followers })})`;
    return toChannelView(updated as ClaimRow, handle);
  });
}
