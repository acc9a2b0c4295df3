import { describe, expect, it } from "vitest";
import { twitchAdapter, youtubeAdapter } from "./adapters.ts";
import {
  type Box,
  type ChatDock,
  findChatDock,
  LAUNCHER_SIZE,
  layoutPopover,
  type PopoverLayout,
  type Viewport,
} from "./dock.ts";

/** How much of the chat column's visible area the panel covers, 0..1. */
function coveredShare(layout: PopoverLayout, chat: Box, viewport: Viewport): number {
  const visible = {
    left: Math.max(chat.left, 0),
    top: Math.max(chat.top, 0),
    right: Math.min(chat.left + chat.width, viewport.width),
    bottom: Math.min(chat.top + chat.height, viewport.height),
  };
  const { panel } = layout;
  const w = Math.min(visible.right, panel.left + panel.width) - Math.max(visible.left, panel.left);
  const h = Math.min(visible.bottom, panel.top + panel.height) - Math.max(visible.top, panel.top);
  const area = (visible.right - visible.left) * (visible.bottom - visible.top);
  return w > 0 && h > 0 ? (w * h) / area : 0;
}

function inViewport(box: Box, viewport: Viewport): boolean {
  return (
    box.left >= 0 &&
    box.top >= 0 &&
    box.left + box.width <= viewport.width &&
    box.top + box.height <= viewport.height
  );
}

describe("layoutPopover", () => {
  const desktop = { width: 1280, height: 800 };
  // The Twitch page: a 340 px chat column the full height, the input at the bottom.
  const twitch: ChatDock = { chat: { left: 940, top: 0, width: 340, height: 800 }, inputTop: 744 };

  it("docks the launcher over the chat column just above its input", () => {
    const layout = layoutPopover(twitch, desktop);
    expect(layout.mode).toBe("docked");
    expect(layout.launcher.top + LAUNCHER_SIZE).toBeLessThanOrEqual(744);
    expect(layout.launcher.left).toBeGreaterThanOrEqual(940);
  });

  it("never covers more than a third of the chat column, and stays on screen", () => {
    for (const [dock, viewport] of [
      [twitch, desktop],
      [{ chat: { left: 880, top: 80, width: 400, height: 560 }, inputTop: 576 }, desktop],
      [
        { chat: { left: 0, top: 240, width: 320, height: 328 }, inputTop: 520 },
        { width: 320, height: 568 },
      ],
      [
        { chat: { left: 560, top: 0, width: 140, height: 700 }, inputTop: 650 },
        { width: 700, height: 700 },
      ],
    ] as const) {
      const layout = layoutPopover(dock, viewport);
      expect(coveredShare(layout, dock.chat, viewport)).toBeLessThanOrEqual(1 / 3);
      expect(inViewport(layout.panel, viewport)).toBe(true);
    }
  });

  it("on a phone with the chat under the player, opens above the chat, as tall as there is room", () => {
    const phone = { width: 320, height: 568 };
    const dock = { chat: { left: 0, top: 260, width: 320, height: 308 }, inputTop: 520 };
    const layout = layoutPopover(dock, phone);
    expect(layout.panel.top).toBeLessThan(260);
    expect(layout.panel.height).toBeGreaterThanOrEqual(300);
    expect(coveredShare(layout, dock.chat, phone)).toBeLessThanOrEqual(1 / 3);
    expect(layout.panel.width).toBeLessThanOrEqual(320);
  });

  it("floats bottom right, on screen at 320x568, when there is no chat or it is off screen", () => {
    const phone = { width: 320, height: 568 };
    for (const dock of [
      null,
      { chat: { left: 0, top: 900, width: 320, height: 400 }, inputTop: 1250 },
    ]) {
      const layout = layoutPopover(dock, phone);
      expect(layout.mode).toBe("floating");
      expect(inViewport(layout.panel, phone)).toBe(true);
      expect(layout.launcher.top + LAUNCHER_SIZE).toBeLessThanOrEqual(568);
    }
  });

  it("floats when the input is above the top of the screen", () => {
    const dock = { chat: { left: 940, top: -900, width: 340, height: 920 }, inputTop: -40 };
    expect(layoutPopover(dock, desktop).mode).toBe("floating");
  });
});

describe("findChatDock", () => {
  const boxes = new Map<string, Box>();
  const boxOf = (element: Element) => boxes.get(element.id) ?? null;

  it("finds Twitch's chat column and its input", () => {
    document.body.innerHTML =
      '<aside class="stream-chat" id="chat"><div class="chat-input" id="input"></div></aside>';
    boxes.set("chat", { left: 940, top: 0, width: 340, height: 800 });
    boxes.set("input", { left: 940, top: 744, width: 340, height: 56 });
    expect(findChatDock(twitchAdapter, document, boxOf)).toEqual({
      chat: boxes.get("chat"),
      inputTop: 744,
    });
  });

  it("takes YouTube's input as the bottom of its chat frame", () => {
    document.body.innerHTML = '<ytd-live-chat-frame id="chat"></ytd-live-chat-frame>';
    boxes.set("chat", { left: 880, top: 80, width: 400, height: 600 });
    expect(findChatDock(youtubeAdapter, document, boxOf)?.inputTop).toBe(80 + 600 - 64);
  });

  it("finds nothing when the site changed its layout or the chat is collapsed", () => {
    document.body.innerHTML = '<div class="brand-new-chat" id="chat"></div>';
    expect(findChatDock(twitchAdapter, document, boxOf)).toBeNull();
    document.body.innerHTML =
      '<aside class="stream-chat" id="gone"><div class="chat-input"></div></aside>';
    expect(findChatDock(twitchAdapter, document, boxOf)).toBeNull();
  });
});
