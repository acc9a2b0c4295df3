import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { CreatorContext } from "../service-context.ts";
import type { ClaimRow } from "./channel-claims.ts";

/**
 * Unlinks one of the caller's channels: the row stays as history with `unlinked_at` set, and
 * the channel is free for anyone to claim. Unlinking an already unlinked claim changes nothing.
 */
export async function unlinkChannel(
  { sql, viewer, now }: Pick<CreatorContext, "sql" | "viewer" | "now">,
  input: { readonly channelId: string },
) {
  return sql.begin(async (tx) => {
    const [claim] = await tx<ClaimRow[]>`
      select * from creator_channels
      where id = ${input.channelId} and creator_user_id = ${viewer.userId}
      for update`;
    if (!claim) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such channel among yours.");
    if (claim.unlinked_at) {
      return { id: claim.id, unlinkedAt: claim.unlinked_at.toISOString() };
    }
    await tx`update creator_channels set unlinked_at = ${now} where id = ${claim.id}`;
    await tx`
      insert into channel_audit (platform, channel, action, from_creator_user_id, details)
      values (${claim.platform}, ${claim.channel}, 'unlinked', ${viewer.userId},
              ${tx.json({ claimId: claim.id, wasVerified: claim.verified_at !== null })})`;
    return { id: claim.id, unlinkedAt: now.toISOString() };
  });
}
