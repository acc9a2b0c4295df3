import { randomInt } from "node:crypto";
import { DomainError, DomainErrorCode, type StreamPlatform } from "@coinstream/core";
import type { Sql, SqlRow, schema } from "@coinstream/db";

export type ChannelPlatform = StreamPlatform | "web";
export type VerificationMethod = "bio" | "well_known" | "meta_tag";

/** A `creator_channels` row (`select *`), its text columns narrowed to what their CHECKs allow. */
export type ClaimRow = Omit<
  SqlRow<typeof schema.creatorChannels>,
  "platform" | "verification_method" | "followers_review"
> & {
  platform: ChannelPlatform;
  verification_method: VerificationMethod | "seed" | null;
  followers_review: "pending" | "approved" | "rejected" | null;
};

const PLATFORM_NAMES: Readonly<Record<StreamPlatform, string>> = {
  twitch: "Twitch",
  youtube: "YouTube",
  tiktok: "TikTok",
  kick: "Kick",
};

// No look-alikes (0/o, 1/l/i), so a creator can copy the code by eye.
const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A fresh code such as `coinstream-verify-k3m9x2pq7h` (about 50 random bits). */
export function newVerificationCode(): string {
  let code = "";
  for (let i = 0; i < 10; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `coinstream-verify-${code}`;
}

/** One of the caller's open (not unlinked) claims; `NOT_FOUND` for anyone else's, never saying which. */
export async function requireOwnClaim(
  sql: Sql,
  userId: string,
  claimId: string,
): Promise<ClaimRow> {
  const [claim] = await sql<ClaimRow[]>`
    select * from creator_channels
    where id = ${claimId} and creator_user_id = ${userId} and unlinked_at is null`;
  if (!claim) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such channel among yours.");
  return claim;
}

export function isWebsite(claim: Pick<ClaimRow, "platform">): boolean {
  return claim.platform === "web";
}

/** What the creator sees of a claim, with where to put its code while it is unverified. */
export function toChannelView(claim: ClaimRow, handle: string) {
  const verified = claim.verified_at !== null;
  return {
    id: claim.id,
    platform: claim.platform,
    channel: claim.channel,
    url: claim.url,
    code: claim.verification_code,
    verified,
    verifiedAt: claim.verified_at?.toISOString() ?? null,
    method: claim.verification_method,
    followers: claim.followers,
    followersVerified: claim.followers_verified,
    /** An entered count's review (pending, approved, rejected); null for a count read from the page. */
    followersReview: claim.followers_review,
    /** Whether the count counts toward the minimum followers: read from the page, or approved. */
    followersCounted: claim.followers_counted,
    instructions: verified || !claim.verification_code ? null : instructionsFor(claim, handle),
  };
}

export type ChannelView = ReturnType<typeof toChannelView>;

function instructionsFor(claim: ClaimRow, handle: string): string {
  const code = claim.verification_code as string;
  if (claim.platform === "web") {
    const origin = claim.url ? new URL(claim.url).origin : `https://${claim.channel}`;
    return (
      `Either serve ${origin}/.well-known/coinstream.json containing ` +
      `{"creator":"${handle}","code":"${code}"}, or add ` +
      `<meta name="coinstream:creator" content="${handle}"> and ` +
      `<meta name="coinstream:verify" content="${code}"> to ${origin}/. Then verify.`
    );
  }
  return (
    `Put ${code} anywhere in your ${PLATFORM_NAMES[claim.platform]} channel's bio or about text ` +
    `(${claim.url ?? claim.channel}), save it, then verify. You can remove it once verified.`
  );
}
