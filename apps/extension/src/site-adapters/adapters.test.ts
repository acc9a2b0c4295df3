import { describe, expect, it } from "vitest";
import { chooseAdapter, isPageLive, pageAdapter, twitchAdapter } from "./adapters.ts";

describe("chooseAdapter", () => {
  it.each([
    ["www.twitch.tv", "twitch"],
    ["m.twitch.tv", "twitch"],
    ["www.youtube.com", "youtube"],
    ["m.youtube.com", "youtube"],
    ["kick.com", "kick"],
    ["www.tiktok.com", "tiktok"],
    ["127.0.0.1", "page"],
    ["localhost", "page"],
    ["nova.example", "page"],
  ])("picks the %s layout: %s", (hostname, id) => {
    expect(chooseAdapter(hostname).id).toBe(id);
  });

  it("does not take look-alike hosts for a platform", () => {
    expect(chooseAdapter("twitch.tv.evil.example").id).toBe("page");
    expect(chooseAdapter("nottwitch.tv").id).toBe("page");
  });
});

describe("isPageLive", () => {
  const page = (html: string) => new DOMParser().parseFromString(html, "text/html");

  it("reads a declared page's coinstream:live meta tag", () => {
    expect(isPageLive(pageAdapter, page('<meta name="coinstream:live" content="true">'))).toBe(
      true,
    );
    expect(isPageLive(pageAdapter, page('<meta name="coinstream:live" content="false">'))).toBe(
      false,
    );
    expect(isPageLive(pageAdapter, page("<p>offline</p>"))).toBe(false);
  });

  it("reads the site's own live badge", () => {
    expect(
      isPageLive(twitchAdapter, page('<div class="live-indicator-container">LIVE</div>')),
    ).toBe(true);
    expect(isPageLive(twitchAdapter, page('<div class="video-player"></div>'))).toBe(false);
  });
});
