import { describe, expect, it, vi } from "vitest";
import { createConfirmWindows } from "./confirm-window.ts";

const SUMMARY = { coins: 1_000, what: "a tip", to: "@nova", site: "https://nova.example" };
const panel = { kind: "panel", tabId: 4, pageUrl: "https://nova.example/" } as const;

function setup() {
  const timers: (() => void)[] = [];
  const windows = {
    create: vi.fn(async () => ({ id: 77, tabs: [{ id: 12 }] })),
    remove: vi.fn(async () => {}),
  };
  const confirm = createConfirmWindows({
    windows,
    pageUrl: (path) => `chrome-extension://id/${path}`,
    newId: () => "spend-1",
    setTimeout: (handler) => timers.push(handler),
  });
  return { confirm, windows, timers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createConfirmWindows", () => {
  it("opens the extension's confirmation page in a popup window and resolves with the viewer's answer there", async () => {
    const { confirm, windows } = setup();
    const decision = confirm.confirmInWindow(SUMMARY, panel);
    await settle();
    expect(windows.create).toHaveBeenCalledWith(
      expect.objectContaining({
        url: "chrome-extension://id/tabs/confirm.html#spend-1",
        type: "popup",
      }),
    );
    const window = { kind: "confirm", tabId: 12 } as const;
    expect(confirm.handleMessage(window, { id: "spend-1", action: "get" })).toEqual({
      ok: true,
      summary: SUMMARY,
    });
    confirm.handleMessage(window, { id: "spend-1", action: "approve" });
    expect(await decision).toBe(true);
    expect(windows.remove).toHaveBeenCalledWith(77);
  });

  it("hears no other context or tab: not the panel, not another confirmation page", async () => {
    const { confirm } = setup();
    const decision = confirm.confirmInWindow(SUMMARY, panel);
    await settle();
    for (const caller of [
      panel,
      { kind: "confirm", tabId: 13 } as const,
      { kind: "popup" } as const,
    ]) {
      expect(confirm.handleMessage(caller, { id: "spend-1", action: "approve" })).toEqual({
        ok: false,
      });
    }
    confirm.onWindowRemoved(77);
    expect(await decision).toBe(false);
  });

  it("cancels when the viewer lets it wait too long", async () => {
    const { confirm, timers } = setup();
    const decision = confirm.confirmInWindow(SUMMARY, panel);
    await settle();
    for (const fire of timers) fire();
    expect(await decision).toBe(false);
    expect(
      confirm.handleMessage({ kind: "confirm", tabId: 12 }, { id: "spend-1", action: "approve" }),
    ).toEqual({
      ok: false,
    });
  });
});
