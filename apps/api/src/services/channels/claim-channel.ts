import { isIP } from "node:net";
import { DomainError, DomainErrorCode, parseStreamUrl, type StreamRef } from "@coinstream/core";
import {
  type ChannelPlatform,
  type ClaimRow,
  newVerificationCode,
  toChannelView,
} from "./channel-claims.ts";
import type { ChannelContext } from "./channel-verifier-config.ts";
import { type ChannelVerifierConfig, channelPageUrl } from "./channel-verifier-config.ts";

export type ChannelClaimInput = { readonly url: string } | { readonly website: string };

/** Open claims a creator may hold at once; claims are cheap, so a cap keeps them from piling up. */
export const MAX_OPEN_CLAIMS = 20;

interface ClaimTarget {
  readonly platform: ChannelPlatform;
  readonly channel: string;
  /** The page the verification fetch reads. */
  readonly url: string;
}

/**
 * Claims a channel (by its URL) or a website (by its https origin) for the calling creator and
 * issues the code that proves it. Adding an open claim again returns it unchanged. A channel
 * another creator owns can still be claimed: verifying it moves it here.
 */
export async function claimChannel(
  { sql, viewer, creator, channelVerifier: config }: Omit<ChannelContext, "ledger" | "now">,
  input: ChannelClaimInput,
) {
  const { handle } = creator;
  const target =
    "url" in input ? channelTarget(input.url, config) : websiteTarget(input.website, config);

  const { claim, created } = await sql.begin(async (tx) => {
    const [inserted] = await tx<ClaimRow[]>`
      insert into creator_channels (creator_user_id, platform, channel, url, verification_code)
      select ${viewer.userId}, ${target.platform}, ${target.channel}, ${target.url}, ${newVerificationCode()}
      where (select count(*) from creator_channels
             where creator_user_id = ${viewer.userId} and unlinked_at is null) < ${MAX_OPEN_CLAIMS}
      on conflict (creator_user_id, platform, channel) where unlinked_at is null do nothing
      returning *`;
    if (inserted) {
      await tx`
        insert into channel_audit (platform, channel, action, to_creator_user_id, details)
        values (${target.platform}, ${target.channel}, 'claimed', ${viewer.userId},
                ${tx.json({ claimId: inserted.id, url: target.url })})`;
      return { claim: inserted, created: true };
    }
    const [open] = await tx<ClaimRow[]>`
      select * from creator_channels
      where creator_user_id = ${viewer.userId} and platform = ${target.platform}
        and channel = ${target.channel} and unlinked_at is null`;
    if (!open) {
      throw new DomainError(
        DomainErrorCode.LIMIT_EXCEEDED,
        `You have ${MAX_OPEN_CLAIMS} channels linked or waiting for verification; unlink one first.`,
        { maxOpenClaims: MAX_OPEN_CLAIMS },
      );
    }
    return { claim: open, created: false };
  });

  const [owner] = await sql<{ creator_user_id: string }[]>`
    select creator_user_id from creator_channels
    where platform = ${claim.platform} and channel = ${claim.channel}
      and verified_at is not null and unlinked_at is null and creator_user_id <> ${viewer.userId}`;
  return {
    ...toChannelView(claim, handle),
    created,
    ownedByAnotherCreator: owner !== undefined,
    notice: owner
      ? "Another creator has verified this channel. Verifying it yourself moves it to you (recorded in the channel's history)."
      : null,
  };
}

/** A platform channel from its page URL; videos and pages without a channel are refused. */
function channelTarget(url: string, config: ChannelVerifierConfig): ClaimTarget {
  const stream = parseChannelUrl(url);
  if (stream?.videoId) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "That is a single YouTube video. Paste your channel's address instead, such as https://www.youtube.com/@yourhandle.",
      { field: "url" },
    );
  }
  if (!stream?.channel) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "That is not a channel page Coinstream knows. Paste your channel's address, such as https://www.twitch.tv/yourname, https://kick.com/yourname, https://www.youtube.com/@yourhandle or https://www.tiktok.com/@yourname.",
      { field: "url" },
    );
  }
  return {
    platform: stream.platform,
    channel: stream.channel,
    url: channelPageUrl(config, stream.platform, stream.channel),
  };
}

/**
 * `parseStreamUrl` knows YouTube and TikTok channels by their live pages; a creator usually
 * pastes the channel's home (`youtube.com/@handle`, `tiktok.com/@user`), read here as its live page.
 */
function parseChannelUrl(text: string): StreamRef | null {
  const direct = parseStreamUrl(text);
  if (direct) return direct;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:/i.test(text.trim()) ? text.trim() : `https://${text.trim()}`);
  } catch {
    return null;
  }
  if (!/^\/(@|channel\/)/i.test(url.pathname)) return null;
  url.pathname = `${url.pathname.replace(/\/$/, "")}/live`;
  return parseStreamUrl(url.href);
}

/** A website by its origin; https only, except for the configured trusted origins (local tests). */
function websiteTarget(text: string, config: ChannelVerifierConfig): ClaimTarget {
  const invalid = (message: string) =>
    new DomainError(DomainErrorCode.INVALID_INPUT, message, { field: "website" });
  let url: URL;
  try {
    url = new URL(
      /^[a-z][a-z\d+.-]*:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`,
    );
  } catch {
    throw invalid(
      "That is not a website address; use its https address, such as https://example.com.",
    );
  }
  const trusted = config.fetch.trustedOrigins.some(
    (origin) => new URL(origin).origin === url.origin,
  );
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
    throw invalid("Use your website's https address, such as https://example.com.");
  }
  if (!trusted && url.protocol !== "https:") {
    throw invalid("Your website must be served over https (https://example.com).");
  }
  if (!trusted && (isIP(url.hostname.replace(/^\[|\]$/g, "")) || !url.hostname.includes("."))) {
    throw invalid("Use your website's domain name, such as https://example.com.");
  }
  return { platform: "web", channel: url.host.toLowerCase(), url: `${url.origin}/` };
}
