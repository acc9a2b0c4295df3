import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KICK_RESERVED_PATHS } from "./match-kick-page.ts";
import { TWITCH_RESERVED_PATHS } from "./match-twitch-page.ts";
import { parseStreamUrl } from "./parse-stream-url.ts";
import type { StreamRef } from "./stream-ref.ts";

const UC_ID = "UCX6OQ3DkcsbYNE6H8uQQuVA"; // 24 characters: "UC" + 22
const VIDEO_ID = "dQw4w9WgXcQ";

const twitch = (channel: string): StreamRef => ({ platform: "twitch", channel, videoId: null });
const kick = (channel: string): StreamRef => ({ platform: "kick", channel, videoId: null });
const tiktok = (channel: string): StreamRef => ({ platform: "tiktok", channel, videoId: null });
const youtubeChannel = (channel: string): StreamRef => ({
  platform: "youtube",
  channel,
  videoId: null,
});
const youtubeVideo = (videoId: string): StreamRef => ({
  platform: "youtube",
  channel: null,
  videoId,
});

describe("parseStreamUrl", () => {
  describe("on Twitch", () => {
    it.each([
      ["https://www.twitch.tv/xqc", "xqc"],
      ["https://twitch.tv/xqc", "xqc"],
      ["https://m.twitch.tv/xqc", "xqc"],
      ["http://www.twitch.tv/xqc", "xqc"],
      ["twitch.tv/xqc", "xqc"],
      ["www.twitch.tv/xqc", "xqc"],
      ["//twitch.tv/xqc", "xqc"],
      ["  https://twitch.tv/xqc\n", "xqc"],
      ["https://www.twitch.tv/xQc", "xqc"],
      ["HTTPS://WWW.TWITCH.TV/XQC", "xqc"],
      ["https://www.twitch.tv/xqc/", "xqc"],
      ["https://www.twitch.tv/xqc?referrer=raid", "xqc"],
      ["https://www.twitch.tv/xqc#chat", "xqc"],
      ["https://www.twitch.tv/xqc/?a=1&b=2#x", "xqc"],
      ["https://twitch.tv:443/xqc", "xqc"],
      ["https://www.twitch.tv/abc", "abc"],
      ["https://www.twitch.tv/a_b_c_d_e_f_g_h_i_j_k_l_m", "a_b_c_d_e_f_g_h_i_j_k_l_m"],
      ["https://www.twitch.tv/_underscore_", "_underscore_"],
      ["https://www.twitch.tv/12345", "12345"],
    ])("returns the lower-cased login when given %s", (url, channel) => {
      expect(parseStreamUrl(url)).toEqual(twitch(channel));
    });

    it.each([
      ["the site root", "https://www.twitch.tv/"],
      ["the bare host", "twitch.tv"],
      ["a 2-character login", "https://www.twitch.tv/ab"],
      ["a 26-character login", `https://www.twitch.tv/${"a".repeat(26)}`],
      ["a hyphen in the login", "https://www.twitch.tv/x-qc"],
      ["a dot in the login", "https://www.twitch.tv/x.qc"],
      ["a percent-encoded login", "https://www.twitch.tv/%78qc"],
      ["a leading @", "https://www.twitch.tv/@xqc"],
      ["a channel sub-page", "https://www.twitch.tv/xqc/videos"],
      ["a clip", "https://www.twitch.tv/xqc/clip/FunnyClipSlug"],
      ["the about page", "https://www.twitch.tv/xqc/about"],
      ["a VOD", "https://www.twitch.tv/videos/1234567890"],
      ["the VOD list root", "https://www.twitch.tv/videos"],
      ["the directory", "https://www.twitch.tv/directory"],
      ["the directory in capitals", "https://www.twitch.tv/DIRECTORY"],
      ["a directory category", "https://www.twitch.tv/directory/category/just-chatting"],
      ["settings", "https://www.twitch.tv/settings"],
      ["search", "https://www.twitch.tv/search?term=xqc"],
      ["downloads", "https://www.twitch.tv/downloads"],
      ["a legal page", "https://www.twitch.tv/p/legal/terms-of-service/"],
      ["jobs", "https://www.twitch.tv/jobs"],
      ["store", "https://www.twitch.tv/store"],
      ["turbo", "https://www.twitch.tv/turbo"],
      ["subscriptions", "https://www.twitch.tv/subscriptions"],
      ["inventory", "https://www.twitch.tv/inventory"],
      ["wallet", "https://www.twitch.tv/wallet"],
      ["friends", "https://www.twitch.tv/friends"],
      ["messages", "https://www.twitch.tv/messages"],
      ["prime", "https://www.twitch.tv/prime"],
      ["drops", "https://www.twitch.tv/drops"],
      ["payments", "https://www.twitch.tv/payments"],
      ["login", "https://www.twitch.tv/login"],
      ["signup", "https://www.twitch.tv/signup"],
      ["logout", "https://www.twitch.tv/logout"],
      ["broadcast", "https://www.twitch.tv/broadcast"],
      ["a moderator view", "https://www.twitch.tv/moderator/xqc"],
      ["a popout", "https://www.twitch.tv/popout/xqc/chat"],
      ["an embed", "https://www.twitch.tv/embed/xqc/chat"],
      ["a team", "https://www.twitch.tv/team/ogs"],
      ["bits", "https://www.twitch.tv/bits"],
      ["activate", "https://www.twitch.tv/activate"],
      ["a user-id redirect", "https://www.twitch.tv/u/xqc"],
      ["a double slash", "https://www.twitch.tv//xqc"],
      ["two trailing slashes", "https://www.twitch.tv/xqc//"],
      ["another Twitch host", "https://clips.twitch.tv/xqc"],
      ["the dashboard host", "https://dashboard.twitch.tv/xqc"],
      ["a look-alike suffix host", "https://twitch.tv.example.com/xqc"],
      ["a look-alike prefix host", "https://nottwitch.tv/xqc"],
      ["a look-alike TLD", "https://twitch.com/xqc"],
      ["the host as a path", "https://example.com/twitch.tv/xqc"],
      ["an @ that makes the real host evil.com", "twitch.tv@evil.com/xqc"],
      ["an @ with a scheme", "https://twitch.tv@evil.com/xqc"],
      ["userinfo on the real host", "https://user:pw@twitch.tv/xqc"],
      ["a username on the real host", "https://user@twitch.tv/xqc"],
      ["a non-default port", "https://twitch.tv:8080/xqc"],
      ["a port without a scheme", "twitch.tv:443/xqc"],
      ["a trailing dot on the host", "https://twitch.tv./xqc"],
      ["a javascript: URL", "javascript:alert('twitch.tv/xqc')"],
      ["a javascript: URL with slashes", "javascript://twitch.tv/xqc"],
      ["an ftp: URL", "ftp://twitch.tv/xqc"],
      ["a chrome-extension: URL", "chrome-extension://abcdef/twitch.tv/xqc"],
      ["a file: URL", "file:///twitch.tv/xqc"],
      ["a data: URL", "data:text/html,twitch.tv/xqc"],
    ])("returns null when given %s", (_case, url) => {
      expect(parseStreamUrl(url)).toBeNull();
    });
  });

  describe("on YouTube", () => {
    it.each([
      ["https://www.youtube.com/@MrBeast/live", youtubeChannel("mrbeast")],
      ["https://youtube.com/@mrbeast/live", youtubeChannel("mrbeast")],
      ["https://m.youtube.com/@mrbeast/live", youtubeChannel("mrbeast")],
      ["youtube.com/@mrbeast/live", youtubeChannel("mrbeast")],
      ["https://www.youtube.com/@mrbeast/LIVE", youtubeChannel("mrbeast")],
      ["https://WWW.YOUTUBE.COM/@MRBEAST/Live", youtubeChannel("mrbeast")],
      ["https://www.youtube.com/@mrbeast/live/", youtubeChannel("mrbeast")],
      ["https://www.youtube.com/@mrbeast/live?si=abc#t=1", youtubeChannel("mrbeast")],
      ["https://www.youtube.com/@Some.Name-Here_1/live", youtubeChannel("some.name-here_1")],
      ["https://www.youtube.com/@abc/live", youtubeChannel("abc")],
      [`https://www.youtube.com/@${"a".repeat(30)}/live`, youtubeChannel("a".repeat(30))],
      [`https://www.youtube.com/channel/${UC_ID}/live`, youtubeChannel(UC_ID)],
      [`https://www.youtube.com/CHANNEL/${UC_ID}/Live/?x=1`, youtubeChannel(UC_ID)],
      [`https://m.youtube.com/channel/${UC_ID}/live`, youtubeChannel(UC_ID)],
      [`https://www.youtube.com/watch?v=${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`https://www.youtube.com/watch?v=${VIDEO_ID}&t=42s#comments`, youtubeVideo(VIDEO_ID)],
      [`https://www.youtube.com/watch?feature=share&v=${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`https://www.youtube.com/WATCH?v=${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`https://www.youtube.com/watch/?v=${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`https://m.youtube.com/watch?v=${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`youtube.com/watch?v=${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      ["https://www.youtube.com/watch?v=a-B_c1D2e3F", youtubeVideo("a-B_c1D2e3F")],
      [`https://www.youtube.com/live/${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`https://www.youtube.com/LIVE/${VIDEO_ID}?si=xyz`, youtubeVideo(VIDEO_ID)],
      [`https://youtu.be/${VIDEO_ID}`, youtubeVideo(VIDEO_ID)],
      [`youtu.be/${VIDEO_ID}?t=30`, youtubeVideo(VIDEO_ID)],
      [`https://YOUTU.BE/${VIDEO_ID}/`, youtubeVideo(VIDEO_ID)],
    ])("returns the channel or video when given %s", (url, expected) => {
      expect(parseStreamUrl(url)).toEqual(expected);
    });

    it.each([
      ["a bare handle", "https://www.youtube.com/@mrbeast"],
      ["a handle's videos tab", "https://www.youtube.com/@mrbeast/videos"],
      ["a handle's streams tab", "https://www.youtube.com/@mrbeast/streams"],
      ["a handle without @", "https://www.youtube.com/mrbeast/live"],
      ["a 2-character handle", "https://www.youtube.com/@ab/live"],
      ["a 31-character handle", `https://www.youtube.com/@${"a".repeat(31)}/live`],
      ["a handle with a bad character", "https://www.youtube.com/@mr+beast/live"],
      ["a percent-encoded handle", "https://www.youtube.com/@%E3%81%82%E3%81%82%E3%81%82/live"],
      ["a channel id without /live", `https://www.youtube.com/channel/${UC_ID}`],
      [
        "a channel id that is too short",
        `https://www.youtube.com/channel/${UC_ID.slice(0, -1)}/live`,
      ],
      ["a channel id that is too long", `https://www.youtube.com/channel/${UC_ID}A/live`],
      ["a channel id without UC", `https://www.youtube.com/channel/XX${UC_ID.slice(2)}/live`],
      ["a lower-case uc prefix", `https://www.youtube.com/channel/uc${UC_ID.slice(2)}/live`],
      ["a /c/ custom URL", "https://www.youtube.com/c/MrBeast6000/live"],
      ["a /user/ URL", "https://www.youtube.com/user/MrBeast6000/live"],
      ["a short", `https://www.youtube.com/shorts/${VIDEO_ID}`],
      ["the feed", "https://www.youtube.com/feed/subscriptions"],
      ["search results", "https://www.youtube.com/results?search_query=live"],
      ["the home page", "https://www.youtube.com/"],
      ["watch without v", "https://www.youtube.com/watch"],
      ["watch with an empty v", "https://www.youtube.com/watch?v="],
      ["watch with a 10-character id", "https://www.youtube.com/watch?v=dQw4w9WgXc"],
      ["watch with a 12-character id", "https://www.youtube.com/watch?v=dQw4w9WgXcQQ"],
      ["watch with a bad character", "https://www.youtube.com/watch?v=dQw4w9WgX!Q"],
      ["watch with V in capitals", `https://www.youtube.com/watch?V=${VIDEO_ID}`],
      ["watch with a sub-path", `https://www.youtube.com/watch/x?v=${VIDEO_ID}`],
      ["the id in the fragment", `https://www.youtube.com/watch#v=${VIDEO_ID}`],
      ["/live without an id", "https://www.youtube.com/live"],
      ["/live with a short id", "https://www.youtube.com/live/dQw4w9WgXc"],
      ["/live with a sub-path", `https://www.youtube.com/live/${VIDEO_ID}/x`],
      ["an embed", `https://www.youtube.com/embed/${VIDEO_ID}`],
      ["youtu.be root", "https://youtu.be/"],
      ["youtu.be with a short id", "https://youtu.be/dQw4w9WgXc"],
      ["youtu.be with a sub-path", `https://youtu.be/${VIDEO_ID}/x`],
      ["www.youtu.be", `https://www.youtu.be/${VIDEO_ID}`],
      ["YouTube Music", `https://music.youtube.com/watch?v=${VIDEO_ID}`],
      ["a look-alike host", `https://youtube.com.evil.example/watch?v=${VIDEO_ID}`],
      ["a look-alike prefix", `https://notyoutube.com/watch?v=${VIDEO_ID}`],
      ["the host as a path", `https://evil.example/youtube.com/watch?v=${VIDEO_ID}`],
      ["an @ that makes the real host evil.com", `youtube.com@evil.com/watch?v=${VIDEO_ID}`],
      ["userinfo on the real host", `https://a:b@www.youtube.com/watch?v=${VIDEO_ID}`],
      ["a javascript: URL", `javascript:youtube.com/watch?v=${VIDEO_ID}`],
    ])("returns null when given %s", (_case, url) => {
      expect(parseStreamUrl(url)).toBeNull();
    });
  });

  describe("on TikTok", () => {
    it.each([
      ["https://www.tiktok.com/@charlidamelio/live", "charlidamelio"],
      ["https://tiktok.com/@charlidamelio/live", "charlidamelio"],
      ["https://m.tiktok.com/@charlidamelio/live", "charlidamelio"],
      ["tiktok.com/@charlidamelio/live", "charlidamelio"],
      ["https://www.tiktok.com/@CharliDAmelio/LIVE", "charlidamelio"],
      ["https://WWW.TIKTOK.COM/@charlidamelio/live/", "charlidamelio"],
      ["https://www.tiktok.com/@charlidamelio/live?enter_from_merge=share#x", "charlidamelio"],
      ["https://www.tiktok.com/@ab/live", "ab"],
      ["https://www.tiktok.com/@a.b_c/live", "a.b_c"],
      [`https://www.tiktok.com/@${"x".repeat(24)}/live`, "x".repeat(24)],
    ])("returns the lower-cased user when given %s", (url, channel) => {
      expect(parseStreamUrl(url)).toEqual(tiktok(channel));
    });

    it.each([
      ["a profile without /live", "https://www.tiktok.com/@charlidamelio"],
      ["a video", "https://www.tiktok.com/@charlidamelio/video/7234567890123456789"],
      ["a user without @", "https://www.tiktok.com/charlidamelio/live"],
      ["a 1-character user", "https://www.tiktok.com/@a/live"],
      ["a 25-character user", `https://www.tiktok.com/@${"x".repeat(25)}/live`],
      ["a hyphen in the user", "https://www.tiktok.com/@charli-damelio/live"],
      ["a sub-path after /live", "https://www.tiktok.com/@charlidamelio/live/x"],
      ["the live feed", "https://www.tiktok.com/live"],
      ["the For You page", "https://www.tiktok.com/foryou"],
      ["a look-alike host", "https://tiktok.com.evil.example/@charlidamelio/live"],
      ["a regional host", "https://vm.tiktok.com/@charlidamelio/live"],
      ["userinfo on the real host", "https://x@www.tiktok.com/@charlidamelio/live"],
    ])("returns null when given %s", (_case, url) => {
      expect(parseStreamUrl(url)).toBeNull();
    });
  });

  describe("on Kick", () => {
    it.each([
      ["https://kick.com/trainwreckstv", "trainwreckstv"],
      ["https://www.kick.com/trainwreckstv", "trainwreckstv"],
      ["kick.com/trainwreckstv", "trainwreckstv"],
      ["https://KICK.COM/TrainwrecksTV", "trainwreckstv"],
      ["https://kick.com/trainwreckstv/", "trainwreckstv"],
      ["https://kick.com/trainwreckstv?ref=x#chat", "trainwreckstv"],
      ["https://kick.com/some-streamer_1", "some-streamer_1"],
      ["https://kick.com/abc", "abc"],
      [`https://kick.com/${"k".repeat(25)}`, "k".repeat(25)],
    ])("returns the lower-cased slug when given %s", (url, channel) => {
      expect(parseStreamUrl(url)).toEqual(kick(channel));
    });

    it.each([
      ["the site root", "https://kick.com/"],
      ["a 2-character slug", "https://kick.com/ab"],
      ["a 26-character slug", `https://kick.com/${"k".repeat(26)}`],
      ["a dot in the slug", "https://kick.com/train.wrecks"],
      ["a channel sub-path", "https://kick.com/trainwreckstv/videos"],
      ["a VOD", "https://kick.com/trainwreckstv/videos/0f0e-1234"],
      ["a clip", "https://kick.com/trainwreckstv/clips/clip_01ABC"],
      ["categories", "https://kick.com/categories"],
      ["a category", "https://kick.com/category/just-chatting"],
      ["following", "https://kick.com/following"],
      ["browse", "https://kick.com/browse"],
      ["search", "https://kick.com/search?query=x"],
      ["settings", "https://kick.com/settings"],
      ["the dashboard", "https://kick.com/dashboard"],
      ["a video", "https://kick.com/video/0f0e-1234"],
      ["videos", "https://kick.com/videos"],
      ["clips", "https://kick.com/clips"],
      ["the terms", "https://kick.com/terms-of-service"],
      ["the privacy policy", "https://kick.com/privacy-policy"],
      ["dmca", "https://kick.com/dmca"],
      ["the community guidelines", "https://kick.com/Community-Guidelines"],
      ["login", "https://kick.com/login"],
      ["signup", "https://kick.com/signup"],
      ["a popout", "https://kick.com/popout/trainwreckstv/chat"],
      ["subscriptions", "https://kick.com/subscriptions"],
      ["messages", "https://kick.com/messages"],
      ["the m. host, which Kick does not use", "https://m.kick.com/trainwreckstv"],
      ["a look-alike host", "https://kick.com.evil.example/trainwreckstv"],
      ["a look-alike prefix", "https://notkick.com/trainwreckstv"],
      ["the host as a path", "https://evil.example/kick.com/trainwreckstv"],
      ["an @ that makes the real host evil.com", "kick.com@evil.com/trainwreckstv"],
      ["userinfo on the real host", "https://u:p@kick.com/trainwreckstv"],
    ])("returns null when given %s", (_case, url) => {
      expect(parseStreamUrl(url)).toBeNull();
    });
  });

  it.each([
    ["an empty string", ""],
    ["whitespace", "   "],
    ["a lone scheme", "https://"],
    ["an unrelated site", "https://example.com/xqc"],
    ["words", "not a url at all"],
    ["a bare login", "xqc"],
  ])("returns null when given %s", (_case, url) => {
    expect(parseStreamUrl(url)).toBeNull();
  });

  it("returns null when called from JavaScript with a non-string", () => {
    expect(parseStreamUrl(undefined as unknown as string)).toBeNull();
    expect(parseStreamUrl(42 as unknown as string)).toBeNull();
  });
});

const twitchLogin = fc
  .stringMatching(/^[A-Za-z0-9_]{3,25}$/)
  .filter((login) => !TWITCH_RESERVED_PATHS.has(login.toLowerCase()));
const kickSlug = fc
  .stringMatching(/^[A-Za-z0-9_-]{3,25}$/)
  .filter((slug) => !KICK_RESERVED_PATHS.has(slug.toLowerCase()));
const tiktokUser = fc.stringMatching(/^[A-Za-z0-9_.]{2,24}$/);
const youtubeHandle = fc.stringMatching(/^[A-Za-z0-9_.-]{3,30}$/);
const channelId = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/).map((rest) => `UC${rest}`);

/** A host and path of a channel page, with the channel the parser should report. */
const channelPage = fc.oneof(
  fc.record({
    host: fc.constantFrom("twitch.tv", "www.twitch.tv", "m.twitch.tv"),
    path: twitchLogin,
  }),
  fc.record({ host: fc.constantFrom("kick.com", "www.kick.com"), path: kickSlug }),
  fc.record({
    host: fc.constantFrom("tiktok.com", "www.tiktok.com", "m.tiktok.com"),
    path: tiktokUser.map((user) => `@${user}/live`),
  }),
  fc.record({
    host: fc.constantFrom("youtube.com", "www.youtube.com", "m.youtube.com"),
    path: fc.oneof(
      youtubeHandle.map((handle) => `@${handle}/live`),
      channelId.map((id) => `channel/${id}/live`),
    ),
  }),
);

const urlFragment = fc.constantFrom(
  "https://",
  "http://",
  "//",
  "javascript:",
  "ftp://",
  "chrome-extension://",
  "twitch.tv",
  "www.twitch.tv",
  "youtube.com",
  "youtu.be",
  "tiktok.com",
  "kick.com",
  "evil.com",
  ".",
  "/",
  "//",
  "\\",
  "@",
  ":",
  ":443",
  "?",
  "#",
  "&",
  "=",
  "%",
  "%2F",
  "%00",
  "v=",
  "watch",
  "live",
  "channel",
  "@xqc",
  "xqc",
  VIDEO_ID,
  UC_ID,
  " ",
  "\t",
  "\n",
  "[::1]",
  "xn--",
  "\u0000",
  "\uFF0E",
  "\u212A",
  "\uD800",
);

describe("parseStreamUrl properties", () => {
  it("never throws when given any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (input) => {
        const result = parseStreamUrl(input);
        expect(result === null || typeof result.platform === "string").toBe(true);
      }),
    );
  });

  it("never throws when given any web URL", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (input) => {
        expect(() => parseStreamUrl(input)).not.toThrow();
      }),
    );
  });

  it("never throws when given strings built from URL-ish fragments", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(urlFragment, fc.string()), { maxLength: 12 }), (parts) => {
        expect(() => parseStreamUrl(parts.join(""))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("returns only well-formed results when given any URL-ish string", () => {
    fc.assert(
      fc.property(fc.array(urlFragment, { maxLength: 10 }), (parts) => {
        const result = parseStreamUrl(parts.join(""));
        if (result === null) return;
        expect(["twitch", "youtube", "tiktok", "kick"]).toContain(result.platform);
        expect((result.channel === null) !== (result.videoId === null)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("returns the lower-cased name when given the canonical URL of a valid name", () => {
    fc.assert(
      fc.property(twitchLogin, (login) => {
        expect(parseStreamUrl(`https://www.twitch.tv/${login}`)).toEqual(
          twitch(login.toLowerCase()),
        );
      }),
    );
    fc.assert(
      fc.property(kickSlug, (slug) => {
        expect(parseStreamUrl(`https://kick.com/${slug}`)).toEqual(kick(slug.toLowerCase()));
      }),
    );
    fc.assert(
      fc.property(tiktokUser, (user) => {
        expect(parseStreamUrl(`https://www.tiktok.com/@${user}/live`)).toEqual(
          tiktok(user.toLowerCase()),
        );
      }),
    );
    fc.assert(
      fc.property(youtubeHandle, (handle) => {
        expect(parseStreamUrl(`https://www.youtube.com/@${handle}/live`)).toEqual(
          youtubeChannel(handle.toLowerCase()),
        );
      }),
    );
  });

  it("keeps the case of YouTube ids when given any valid id", () => {
    fc.assert(
      fc.property(channelId, fc.stringMatching(/^[A-Za-z0-9_-]{11}$/), (id, videoId) => {
        expect(parseStreamUrl(`https://www.youtube.com/channel/${id}/live`)).toEqual(
          youtubeChannel(id),
        );
        expect(parseStreamUrl(`https://youtu.be/${videoId}`)).toEqual(youtubeVideo(videoId));
        expect(parseStreamUrl(`https://www.youtube.com/watch?v=${videoId}`)).toEqual(
          youtubeVideo(videoId),
        );
        expect(parseStreamUrl(`https://www.youtube.com/live/${videoId}`)).toEqual(
          youtubeVideo(videoId),
        );
      }),
    );
  });

  it("gives the same result when a channel URL gains a query, fragment, slash or upper-case host", () => {
    fc.assert(
      fc.property(
        channelPage,
        fc.constantFrom("https://", "http://", "//", ""),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        ({ host, path }, scheme, slash, query, fragment, upperHost) => {
          const base = parseStreamUrl(`https://${host}/${path}`);
          expect(base).not.toBeNull();
          const variant = `${scheme}${upperHost ? host.toUpperCase() : host}/${path}${
            slash ? "/" : ""
          }${query ? "?x=1" : ""}${fragment ? "#frag" : ""}`;
          expect(parseStreamUrl(variant)).toEqual(base);
        },
      ),
    );
  });

  it("returns null when a valid channel URL moves to a look-alike host", () => {
    fc.assert(
      fc.property(
        channelPage,
        fc.constantFrom(
          (host: string) => `${host}.example.com`,
          (host: string) => `not${host}`,
          (host: string) => `evil.com/${host}`,
          (host: string) => `${host}@evil.com`,
          (host: string) => `user:pw@${host}`,
          (host: string) => `${host}:8443`,
        ),
        ({ host, path }, disguise) => {
          expect(parseStreamUrl(`https://${disguise(host)}/${path}`)).toBeNull();
        },
      ),
    );
  });

  it("returns null when a valid channel URL has a scheme other than http(s)", () => {
    fc.assert(
      fc.property(
        channelPage,
        fc.constantFrom("javascript:", "ftp://", "chrome-extension://", "file://", "ws://"),
        ({ host, path }, scheme) => {
          expect(parseStreamUrl(`${scheme}${host}/${path}`)).toBeNull();
        },
      ),
    );
  });

  it("returns null when a Twitch or Kick channel URL gains a sub-page", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          twitchLogin.map((name) => `twitch.tv/${name}`),
          kickSlug.map((name) => `kick.com/${name}`),
        ),
        fc.stringMatching(/^[a-z0-9]{1,10}$/),
        (page, subPage) => {
          expect(parseStreamUrl(`https://${page}/${subPage}`)).toBeNull();
        },
      ),
    );
  });
});
