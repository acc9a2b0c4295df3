import { beforeEach, describe, expect, it } from "vitest";
import { readPage } from "./read-page.ts";

describe("readPage", () => {
  beforeEach(() => {
    document.head.innerHTML = "";
    document.body.innerHTML = "";
  });

  it("reads the creator meta tag, whatever the case of its name", () => {
    document.head.innerHTML = '<meta name="Coinstream:Creator" content="@nova">';
    expect(readPage(document, "http://127.0.0.1:3000/demo/stream/nova")).toEqual({
      url: "http://127.0.0.1:3000/demo/stream/nova",
      declaredHandle: "@nova",
      youtubeChannelHref: null,
    });
  });

  it("reads the owner link on a YouTube video page", () => {
    document.body.innerHTML = `<ytd-watch-flexy video-id="dQw4w9WgXcQ"><ytd-watch-metadata>
      <ytd-video-owner-renderer><a href="/@nova">Nova</a></ytd-video-owner-renderer>
    </ytd-watch-metadata></ytd-watch-flexy>`;
    expect(
      readPage(document, "https://www.youtube.com/watch?v=dQw4w9WgXcQ").youtubeChannelHref,
    ).toBe("/@nova");
  });

  it("ignores the owner link while YouTube still shows the previous video's metadata", () => {
    document.body.innerHTML = `<ytd-watch-flexy video-id="aaaaaaaaaaa"><ytd-watch-metadata>
      <ytd-video-owner-renderer><a href="/@previous">Previous</a></ytd-video-owner-renderer>
    </ytd-watch-metadata></ytd-watch-flexy>`;
    expect(
      readPage(document, "https://www.youtube.com/watch?v=dQw4w9WgXcQ").youtubeChannelHref,
    ).toBeNull();
  });

  it("does not look for an owner link on other pages", () => {
    document.body.innerHTML =
      '<ytd-video-owner-renderer><a href="/@nova">Nova</a></ytd-video-owner-renderer>';
    expect(readPage(document, "https://www.twitch.tv/nova").youtubeChannelHref).toBeNull();
  });
});
