import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFollowerCount } from "./parse-follower-count.ts";

describe("parseFollowerCount", () => {
  it.each([
    ["twitch", `<script>{"login":"nova","followers":12345}</script>`, 12_345],
    ["twitch", `{"followerCount": 987}`, 987],
    ["tiktok", `{"stats":{"followerCount":4200,"heartCount":9}}`, 4_200],
    ["kick", `{"slug":"nova","followers_count":"310"}`, 310],
    ["youtube", `{"subscriberCount":"1500"}`, 1_500],
  ] as const)("reads %s's count from the page's JSON state", (platform, page, count) => {
    expect(parseFollowerCount(platform, page)).toBe(count);
  });

  it.each([
    ["twitch", "<span>12,345 followers</span>", 12_345],
    ["kick", "<b>1.2K followers</b>", 1_200],
    ["kick", "<b>1.2k Followers</b>", 1_200],
    ["tiktok", "3M followers", 3_000_000],
    ["tiktok", "2.75M followers", 2_750_000],
    ["youtube", "<span>845 subscribers</span>", 845],
    ["youtube", "12\u00a0345 subscribers", 12_345],
  ] as const)("reads %s's count from the visible text %j", (platform, page, count) => {
    expect(parseFollowerCount(platform, page)).toBe(count);
  });

  it("does not join a number to the digits that end a word or a code before it", () => {
    expect(parseFollowerCount("kick", "coinstream-verify-abcdefgh23 310 followers")).toBe(310);
    expect(parseFollowerCount("kick", "top 5 100 followers")).toBe(100);
  });

  it("prefers the JSON state to text a bio could contain", () => {
    const page = `<p>bio: 1M followers soon!</p><script>{"followers":150}</script>`;
    expect(parseFollowerCount("twitch", page)).toBe(150);
  });

  it("does not read a JSON key written inside a JSON string (a bio in the page state)", () => {
    const page = `{"description":"\\"followers\\":999999","followers":120}`;
    expect(parseFollowerCount("twitch", page)).toBe(120);
  });

  it.each([
    ["no count", "<p>welcome to my channel</p>"],
    ["counts that disagree", `{"followers":10},{"followers":20}`],
    ["text counts that disagree", "100 followers ... 2,000 followers"],
    ["a fraction without a unit", "1.5 followers"],
    ["a count too large to store", `{"followers":99999999999}`],
    ["the other platform's word", "1,000 subscribers"],
  ])("returns null for %s", (_case, page) => {
    expect(parseFollowerCount("twitch", page)).toBeNull();
  });

  it("reads nothing for a website", () => {
    expect(parseFollowerCount("web", `{"followers":5000}`)).toBeNull();
  });

  it("reads back any count written with thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), (count) => {
        expect(parseFollowerCount("kick", `${count.toLocaleString("en-US")} followers`)).toBe(
          count,
        );
        expect(parseFollowerCount("kick", `{"followers_count":${count}}`)).toBe(count);
      }),
    );
  });
});
