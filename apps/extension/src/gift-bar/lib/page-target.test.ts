import { parseStreamUrl } from "@coinstream/core";
import { describe, expect, it } from "vitest";
import { channelPageUrl, toPageTarget, youtubeChannelFromHref } from "./page-target.ts";

const page = (
  url: string,
  declaredHandle: string | null = null,
  youtubeChannelHref: string | null = null,
) => ({
  url,
  declaredHandle,
  youtubeChannelHref,
});

describe("toPageTarget", () => {
  it.each([
    ["https://www.twitch.tv/Nova?referrer=raid", "twitch:nova", "https://www.twitch.tv/nova"],
    ["https://kick.com/pixel", "kick:pixel", "https://kick.com/pixel"],
    ["https://www.tiktok.com/@nova/live", "tiktok:nova", "https://www.tiktok.com/@nova/live"],
    ["https://www.youtube.com/@Nova/live", "youtube:nova", "https://www.youtube.com/@nova/live"],
  ])("names the channel's canonical page when the URL is %s", (url, key, canonical) => {
    expect(toPageTarget(page(url))).toEqual({ key, to: { url: canonical } });
  });

  it("uses the declared handle when the page is not a platform's", () => {
    expect(toPageTarget(page("http://127.0.0.1:3000/demo/stream/nova", " @Nova "))).toEqual({
      key: "handle:nova",
      to: { handle: "nova" },
    });
  });

  it("prefers the platform URL when a platform page also declares a creator", () => {
    expect(toPageTarget(page("https://www.twitch.tv/nova", "pixel"))?.key).toBe("twitch:nova");
  });

  it("reads a YouTube video's channel from the owner link when the URL has none", () => {
    expect(
      toPageTarget(page("https://www.youtube.com/watch?v=dQw4w9WgXcQ", null, "/@Nova")),
    ).toEqual({
      key: "youtube:nova",
      to: { url: "https://www.youtube.com/@nova/live" },
    });
  });

  it("waits (null) on a YouTube video page until the owner link is rendered", () => {
    expect(toPageTarget(page("https://youtu.be/dQw4w9WgXcQ"))).toBeNull();
  });

  it("returns null when the page names no creator", () => {
    expect(toPageTarget(page("https://example.com/"))).toBeNull();
    expect(toPageTarget(page("https://example.com/", "not a handle!"))).toBeNull();
    expect(toPageTarget(page("https://www.twitch.tv/directory"))).toBeNull();
  });
});

describe("channelPageUrl", () => {
  it.each([
    { platform: "twitch", channel: "nova", videoId: null },
    { platform: "kick", channel: "pixel_2", videoId: null },
    { platform: "tiktok", channel: "nova.live", videoId: null },
    { platform: "youtube", channel: "nova", videoId: null },
    { platform: "youtube", channel: "UCabcdefghijklmnopqrstuv", videoId: null },
  ] as const)("gives a page core reads back as the same channel ($platform $channel)", (stream) => {
    const url = channelPageUrl(stream);
    expect(url).not.toBeNull();
    expect(parseStreamUrl(url ?? "")).toEqual(stream);
  });

  it("returns null for a video without a channel", () => {
    expect(
      channelPageUrl({ platform: "youtube", channel: null, videoId: "dQw4w9WgXcQ" }),
    ).toBeNull();
  });
});

describe("youtubeChannelFromHref", () => {
  it.each([
    ["/@Nova", "nova"],
    ["https://www.youtube.com/@nova/videos", "nova"],
    ["/channel/UCabcdefghijklmnopqrstuv", "UCabcdefghijklmnopqrstuv"],
    ["//m.youtube.com/@nova", "nova"],
  ])("reads the channel from %s", (href, channel) => {
    expect(youtubeChannelFromHref(href)).toEqual({ platform: "youtube", channel, videoId: null });
  });

  it.each([
    null,
    "",
    "/watch?v=dQw4w9WgXcQ",
    "/feed/subscriptions",
    "https://evil.example/@nova",
    "/channel/short",
  ])("returns null for %s", (href) => {
    expect(youtubeChannelFromHref(href)).toBeNull();
  });
});
