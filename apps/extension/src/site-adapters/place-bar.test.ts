import { beforeEach, describe, expect, it } from "vitest";
import { chooseAdapter, pageAdapter, twitchAdapter, youtubeAdapter } from "./adapters.ts";
import { FLOATING, findBarPlacement, findPlayer, isSamePlacement } from "./place-bar.ts";

/** happy-dom lays nothing out, so "visible" here means connected and not hidden. */
const shown = (element: Element) => element.closest("[hidden]") === null;

describe("findBarPlacement", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("puts the bar above Twitch's chat input", () => {
    document.body.innerHTML =
      '<div class="stream-chat"><div class="chat-input" id="input"></div></div>';
    expect(findBarPlacement(twitchAdapter, document, shown)).toEqual({
      mode: "inline",
      anchor: document.getElementById("input"),
      position: "beforebegin",
    });
  });

  it("puts the bar below YouTube's player", () => {
    document.body.innerHTML = '<ytd-watch-flexy><div id="below"></div></ytd-watch-flexy>';
    expect(findBarPlacement(youtubeAdapter, document, shown)).toMatchObject({
      mode: "inline",
      position: "afterbegin",
    });
  });

  it("tries the next rule when the first one's element is missing", () => {
    document.body.innerHTML = '<div class="stream-chat-footer" id="footer"></div>';
    expect(findBarPlacement(twitchAdapter, document, shown)).toMatchObject({
      mode: "inline",
      anchor: document.getElementById("footer"),
    });
  });

  it("floats when the site's layout changed and no anchor is left", () => {
    document.body.innerHTML = '<div class="brand-new-chat"></div>';
    expect(findBarPlacement(twitchAdapter, document, shown)).toBe(FLOATING);
  });

  it("floats when the anchor is there but hidden (chat collapsed)", () => {
    document.body.innerHTML = '<div hidden><div class="chat-input"></div></div>';
    expect(findBarPlacement(twitchAdapter, document, shown)).toBe(FLOATING);
  });

  it("uses a page's own slot on a meta-tag page, else floats", () => {
    expect(findBarPlacement(pageAdapter, document, shown)).toBe(FLOATING);
    document.body.innerHTML = '<aside data-coinstream-bar id="slot"></aside>';
    expect(findBarPlacement(chooseAdapter("127.0.0.1"), document, shown)).toMatchObject({
      mode: "inline",
      position: "beforeend",
    });
  });
});

describe("findPlayer", () => {
  it("finds the site's player, or the page's #player, or nothing", () => {
    document.body.innerHTML = '<div class="video-player" id="twitch"></div><div id="player"></div>';
    expect(findPlayer(twitchAdapter, document, shown)?.id).toBe("twitch");
    expect(findPlayer(pageAdapter, document, shown)?.id).toBe("player");
    document.body.innerHTML = "";
    expect(findPlayer(pageAdapter, document, shown)).toBeNull();
  });
});

describe("isSamePlacement", () => {
  it("compares anchor and position, and floating with floating", () => {
    const anchor = document.createElement("div");
    const inline = { mode: "inline", anchor, position: "afterend" } as const;
    expect(isSamePlacement(FLOATING, { mode: "floating" })).toBe(true);
    expect(isSamePlacement(inline, { ...inline })).toBe(true);
    expect(isSamePlacement(inline, { ...inline, anchor: document.createElement("div") })).toBe(
      false,
    );
    expect(isSamePlacement(inline, FLOATING)).toBe(false);
  });
});
