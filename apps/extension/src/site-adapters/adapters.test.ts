import { describe, expect, it } from "vitest";
import { chooseAdapter } from "./adapters.ts";

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
