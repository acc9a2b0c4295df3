import { DomainError, DomainErrorCode, parseCreatorMetaTag } from "@coinstream/core";
import {
  type ClaimRow,
  requireOwnClaim,
  toChannelView,
  type VerificationMethod,
} from "./channel-claims.ts";
import type { ChannelContext } from "./channel-verifier-config.ts";
import { type ChannelVerifierConfig, channelPageUrl } from "./channel-verifier-config.ts";
import { type FetchedPage, fetchPublicPage, PageFetchError } from "./fetch-public-page.ts";
import { parseFollowerCount } from "./parse-follower-count.ts";

export interface VerifyChannelInput {
  readonly channelId: string;
  /** bio for platform channels; well_known or meta_tag for websites (unset: try both). */
  readonly method?: VerificationMethod;
}

interface Proof {
  readonly method: VerificationMethod;
  readonly pageUrl: string;
  /** Read from the page, or null when it shows none. */
  readonly followers: number | null;
}

/**
 * Proves a claim by finding its code where only the channel's owner can put it, then marks it
 * verified (with the follower count the page shows). When another creator owned the channel,
 * their claim is unlinked and the move audited in the same transaction. Any failure changes
 * nothing and says what to fix (`VERIFICATION_FAILED`).
 */
export async function verifyChannel(
  { sql, viewer, creator, channelVerifier: config, now }: Omit<ChannelContext, "ledger">,
  input: VerifyChannelInput,
) {
  const { handle } = creator;
  const claim = await requireOwnClaim(sql, viewer.userId, input.channelId);
  if (claim.verified_at) {
    return { ...toChannelView(claim, handle), moved: false, alreadyVerified: true };
  }
  if (!claim.verification_code) {
    throw new DomainError(
      DomainErrorCode.VERIFICATION_FAILED,
      "This claim has no verification code; unlink it and add the channel again.",
    );
  }
  // The pages are read before the transaction: no lock or connection waits on the network.
  const proof = await prove(claim, handle, methodsFor(claim, input.method), config);

  return sql.begin(async (tx) => {
    // One verification per channel at a time, so the owner check and the move cannot race.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`channel:${claim.platform}:${claim.channel}`}, 0))`;
    const [current] = await tx<ClaimRow[]>`
      select * from creator_channels
      where id = ${claim.id} and creator_user_id = ${viewer.userId} and unlinked_at is null
      for update`;
    if (!current) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such channel among yours.");
    if (current.verified_at) {
      return { ...toChannelView(current, handle), moved: false, alreadyVerified: true };
    }
    const [owner] = await tx<{ id: string; creator_user_id: string }[]>`
      select id, creator_user_id from creator_channels
      where platform = ${claim.platform} and channel = ${claim.channel}
        and verified_at is not null and unlinked_at is null
      for update`;
    if (owner) {
      await tx`update creator_channels set unlinked_at = ${now} where id = ${owner.id}`;
      await tx`
        insert into channel_audit (platform, channel, action, from_creator_user_id, to_creator_user_id, details)
        values (${claim.platform}, ${claim.channel}, 'moved', ${owner.creator_user_id}, ${viewer.userId},
                ${tx.json({ fromClaimId: owner.id, toClaimId: claim.id, method: proof.method })})`;
    }
    const [verified] = await tx<ClaimRow[]>`
      update creator_channels
      set verified_at = ${now}, verification_method = ${proof.method},
          followers = ${proof.followers ?? 0}, followers_verified = ${proof.followers !== null},
          followers_review = null
      where id = ${claim.id}
      returning *`;
    await tx`
      insert into channel_audit (platform, channel, action, to_creator_user_id, details)
      values (${claim.platform}, ${claim.channel}, 'verified', ${viewer.userId},
              ${tx.json({ claimId: claim.id, method: proof.method, pageUrl: proof.pageUrl, followers: proof.followers })})`;
    return {
      ...toChannelView(verified as ClaimRow, handle),
      moved: owner !== undefined,
      alreadyVerified: false,
    };
  });
}

function methodsFor(claim: ClaimRow, method: VerificationMethod | undefined): VerificationMethod[] {
  if (claim.platform !== "web") {
    if (method && method !== "bio") {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        "A platform channel is verified with the code in its bio (method 'bio').",
        { field: "method" },
      );
    }
    return ["bio"];
  }
  if (method === "bio") {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "A website is verified with its .well-known/coinstream.json file ('well_known') or its meta tags ('meta_tag').",
      { field: "method" },
    );
  }
  return method ? [method] : ["well_known", "meta_tag"];
}

/** The first method that proves the claim; otherwise every method's reason, joined. */
async function prove(
  claim: ClaimRow,
  handle: string,
  methods: readonly VerificationMethod[],
  config: ChannelVerifierConfig,
): Promise<Proof> {
  const failures: { method: VerificationMethod; message: string; reason: string }[] = [];
  for (const method of methods) {
    const pageUrl = pageUrlFor(claim, method, config);
    try {
      const page = await fetchPublicPage(pageUrl, config.fetch);
      const problem = findProblem(claim, handle, method, page);
      if (problem === null) {
        return { method, pageUrl, followers: parseFollowerCount(claim.platform, page.text) };
      }
      failures.push({ method, message: problem, reason: "code_missing" });
    } catch (error) {
      if (!(error instanceof PageFetchError)) throw error;
      failures.push({ method, message: error.message, reason: error.reason });
    }
  }
  throw new DomainError(
    DomainErrorCode.VERIFICATION_FAILED,
    failures.map((failure) => failure.message).join(" "),
    { failures },
  );
}

function pageUrlFor(
  claim: ClaimRow,
  method: VerificationMethod,
  config: ChannelVerifierConfig,
): string {
  if (claim.platform !== "web") return channelPageUrl(config, claim.platform, claim.channel);
  const origin = new URL(claim.url ?? `https://${claim.channel}/`).origin;
  return method === "well_known" ? `${origin}/.well-known/coinstream.json` : `${origin}/`;
}

/** Null when the page proves the claim; else what is missing, for the creator to fix. */
function findProblem(
  claim: ClaimRow,
  handle: string,
  method: VerificationMethod,
  page: FetchedPage,
): string | null {
  const code = claim.verification_code as string;
  const hasCode = page.text.includes(code);
  switch (method) {
    case "bio":
      return hasCode
        ? null
        : `The code ${code} is not on ${page.url}. Put it in your channel's bio or about text, save, and try again (changes can take a minute to show).`;
    case "well_known":
      return hasCode
        ? null
        : `${page.url} does not contain the code ${code}; serve {"creator":"${handle}","code":"${code}"} there.`;
    case "meta_tag": {
      const declared = parseCreatorMetaTag(page.text);
      if (declared !== handle) {
        return `${page.url} has no <meta name="coinstream:creator" content="${handle}"> tag${declared ? ` (it names @${declared})` : ""}.`;
      }
      return hasCode
        ? null
        : `${page.url} names you but does not contain the code ${code}; add <meta name="coinstream:verify" content="${code}">.`;
    }
  }
}
