import { describe, expect, it } from "vitest";
import { detectStream } from "./detect-stream.ts";

describe("detectStream", () => {
  it("returns the platform stream when the URL is a Twitch channel", () => {
    expect(detectStream("https://www.twitch.tv/SomeStreamer", "@other")).toEqual({
      kind: "platform",
      stream: { platform: "twitch", channel: "somestreamer", videoId: null },
    });
  });

  it("returns the declared creator when the page is not a known platform", () => {
    expect(detectStream("https://example.com/live", " @Demo_Creator ")).toEqual({
      kind: "declared",
      handle: "demo_creator",
    });
  });

  it("returns null when neither the URL nor a valid declaration names a creator", () => {
    expect(detectStream("https://example.com/", null)).toBeNull();
    expect(detectStream("https://example.com/", "not a handle!")).toBeNull();
  });
});
