import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AnimationItem } from "../lib/animation-queue.ts";
import { AnimationLayer } from "./animation-layer.tsx";

afterEach(cleanup);

const NAME = 'Vera <b>"V"</b>';

function item(extra: Partial<AnimationItem>): AnimationItem {
  return {
    id: "1",
    comboId: null,
    kind: "gift",
    style: "float",
    tier: "basic",
    icon: "🌹",
    giftName: "Rose",
    viewerName: NAME,
    viewerStyle: { badgeFrame: null, nameColor: "#2ec4d6" },
    coins: 1,
    count: 1,
    comboCount: 1,
    message: null,
    entrance: null,
    sticker: null,
    goal: null,
    reducedMotion: false,
    shownAt: 0,
    endsAt: 1_000,
    bumps: 0,
    ...extra,
  };
}

const layer = (...items: AnimationItem[]) =>
  render(<AnimationLayer state={{ visible: items, waiting: [], seen: [] }} rect={null} />);

describe("AnimationLayer", () => {
  it("draws a worn entrance as the viewer's name, as text, in their colour", () => {
    const { container } = layer(item({ entrance: "sparkle" }));
    const entrance = screen.getByText(/makes an entrance$/);
    expect(entrance.dataset.entrance).toBe("sparkle");
    expect(entrance.textContent).toBe(`✨${NAME} makes an entrance`);
    expect(entrance.querySelector(".cs-name")?.getAttribute("style")).toContain("color");
    expect(container.querySelector("b")).toBeNull();
  });

  it("draws a tip's sticker as text and no entrance on a tip", () => {
    const { container } = layer(
      item({
        kind: "tip",
        style: "tip",
        tier: null,
        giftName: null,
        entrance: "sparkle",
        sticker: { id: "sticker-x", text: "<img src=x onerror=alert(1)>" },
      }),
    );
    // The sticker's text shows as text, never as markup.
    screen.getByText("<img src=x onerror=alert(1)>");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.queryByText(/makes an entrance$/)).toBeNull();
  });

  it("draws neither on an ordinary gift, and marks a reduced-motion entrance as still", () => {
    layer(item({}), item({ id: "2", entrance: "confetti", reducedMotion: true }));
    // An animation has no name of its own: it is drawn for sight (the log names the layer).
    const [plain, still] = screen.getAllByTestId("gift-animation");
    expect(plain?.querySelector(".cs-entrance")).toBeNull();
    expect(still?.dataset.reducedMotion).toBe("true");
    expect(still?.querySelector(".cs-entrance")).not.toBeNull();
    expect(document.querySelector(".cs-sticker")).toBeNull();
  });

  it("gives a banner gift's card the shared shimmer, and no other card", () => {
    layer(item({ style: "banner", tier: "deluxe" }), item({ id: "2", style: "burst" }));
    const [banner, burst] = screen.getAllByTestId("gift-animation");
    expect(banner?.classList.contains("cs-shimmer")).toBe(true);
    expect(burst?.classList.contains("cs-shimmer")).toBe(false);
  });
});
