import { afterEach, describe, expect, it } from "vitest";
import type { PageWindow } from "../components/gift-bar-app.tsx";
import {
  attachSpendGuard,
  createSpendGuard,
  MIN_VISIBLE_MS,
  NOT_A_GESTURE,
  NOT_VISIBLE,
} from "./spend-guard.ts";

const TRUSTED = { isTrusted: true };
const SYNTHETIC = { isTrusted: false };

function guardAt(start = 1_000) {
  let now = start;
  const guard = createSpendGuard(() => now);
  return { guard, advance: (ms: number) => (now += ms) };
}

describe("createSpendGuard", () => {
  it("lets a spend go inside a trusted gesture once the panel has been visible long enough", () => {
    const { guard, advance } = guardAt();
    guard.setVisible(true);
    advance(MIN_VISIBLE_MS);
    guard.beginEvent(TRUSTED);
    expect(guard.refuse()).toBeNull();
  });

  it("refuses a spend outside any gesture, or inside one a script made", () => {
    const { guard, advance } = guardAt();
    guard.setVisible(true);
    advance(MIN_VISIBLE_MS);
    expect(guard.refuse()).toBe(NOT_A_GESTURE);
    guard.beginEvent(SYNTHETIC);
    expect(guard.refuse()).toBe(NOT_A_GESTURE);
    guard.beginEvent(TRUSTED);
    guard.endEvent();
    expect(guard.refuse()).toBe(NOT_A_GESTURE);
  });

  it("refuses while the panel is covered, faded or hidden, and just after it reappears", () => {
    const { guard, advance } = guardAt();
    guard.beginEvent(TRUSTED);
    expect(guard.refuse()).toBe(NOT_VISIBLE);
    guard.setVisible(true);
    advance(MIN_VISIBLE_MS);
    guard.setVisible(false);
    expect(guard.refuse()).toBe(NOT_VISIBLE);
    guard.setVisible(true);
    advance(MIN_VISIBLE_MS - 1);
    expect(guard.refuse()).toBe(NOT_VISIBLE);
    // Repeated "visible" reports do not restart the clock.
    guard.setVisible(true);
    advance(1);
    expect(guard.refuse()).toBeNull();
  });
});

describe("attachSpendGuard", () => {
  let detach: (() => void) | null = null;
  afterEach(() => detach?.());

  it("refuses a click a script dispatches on the panel's own button, even with the panel visible", () => {
    const guard = attachSpendGuard(window as PageWindow, () => 10_000);
    detach = guard.detach;
    const button = document.createElement("button");
    document.body.append(button);
    const seen: (string | null)[] = [];
    button.addEventListener("click", () => seen.push(guard.refuse()));
    button.click();
    button.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(seen).toEqual([NOT_A_GESTURE, NOT_A_GESTURE]);
    button.remove();
  });
});
