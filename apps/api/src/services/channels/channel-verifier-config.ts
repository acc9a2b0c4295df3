import type { StreamPlatform } from "@coinstream/core";
import type { CreatorContext } from "../service-context.ts";
import { DEFAULT_PAGE_FETCH_OPTIONS, type PageFetchOptions } from "./fetch-public-page.ts";

/** A creator's call that may read channel pages (claims and verification). */
export type ChannelContext = CreatorContext & { readonly channelVerifier: ChannelVerifierConfig };

/** Where channel pages are read from, and how carefully. */
export interface ChannelVerifierConfig {
  /** Each platform's base URL; tests point them at a local server standing in for the platform. */
  readonly platformUrls: Readonly<Record<StreamPlatform, string>>;
  readonly fetch: PageFetchOptions;
}

export const DEFAULT_PLATFORM_URLS: Readonly<Record<StreamPlatform, string>> = {
  twitch: "https://www.twitch.tv",
  youtube: "https://www.youtube.com",
  tiktok: "https://www.tiktok.com",
  kick: "https://kick.com",
};

export const DEFAULT_CHANNEL_VERIFIER_CONFIG: ChannelVerifierConfig = {
  platformUrls: DEFAULT_PLATFORM_URLS,
  fetch: DEFAULT_PAGE_FETCH_OPTIONS,
};

/** The configuration with `overrides` applied; unset values keep their defaults. */
export function createChannelVerifierConfig(overrides: {
  readonly platformUrls?: Partial<Record<StreamPlatform, string>>;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly trustedOrigins?: readonly string[];
  readonly resolveHost?: PageFetchOptions["resolveHost"];
}): ChannelVerifierConfig {
  const fetch: PageFetchOptions = {
    ...DEFAULT_PAGE_FETCH_OPTIONS,
    ...(overrides.timeoutMs !== undefined && { timeoutMs: overrides.timeoutMs }),
    ...(overrides.maxBytes !== undefined && { maxBytes: overrides.maxBytes }),
    ...(overrides.trustedOrigins !== undefined && { trustedOrigins: overrides.trustedOrigins }),
    ...(overrides.resolveHost !== undefined && { resolveHost: overrides.resolveHost }),
  };
  return { platformUrls: { ...DEFAULT_PLATFORM_URLS, ...overrides.platformUrls }, fetch };
}

/** The public page of a platform channel, where its bio (and often its follower count) shows. */
export function channelPageUrl(
  config: ChannelVerifierConfig,
  platform: StreamPlatform,
  channel: string,
): string {
  const base = config.platformUrls[platform].replace(/\/+$/, "");
  return `${base}/${channelPath(platform, channel)}`;
}

function channelPath(platform: StreamPlatform, channel: string): string {
  const name = encodeURIComponent(channel);
  switch (platform) {
    case "twitch":
    case "kick":
      return name;
    case "tiktok":
      return `@${name}`;
    case "youtube":
      // A channel id ("UC" + 22 characters, case kept) or a handle (stored lower-cased).
      return /^UC[A-Za-z0-9_-]{22}$/.test(channel) ? `channel/${name}` : `@${name}`;
  }
}
