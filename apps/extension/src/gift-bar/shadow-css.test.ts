import { describe, expect, it } from "vitest";
import { GIFT_BAR_SHADOW_CSS } from "./shadow-css.ts";

describe("GIFT_BAR_SHADOW_CSS", () => {
  it("carries the shared tokens for the shadow host, the shared gift effects, then the bar's styles on them", () => {
    const tokens = GIFT_BAR_SHADOW_CSS.indexOf(":host {\n  color-scheme: light dark;");
    const effects = GIFT_BAR_SHADOW_CSS.indexOf("@keyframes cs-entrance-in {");
    const bar = GIFT_BAR_SHADOW_CSS.indexOf(".cs-bar {");
    expect(tokens).toBeGreaterThanOrEqual(0);
    expect(effects).toBeGreaterThan(tokens);
    expect(bar).toBeGreaterThan(effects);
    expect(GIFT_BAR_SHADOW_CSS).toContain("background: var(--surface);");
  });

  it("declares no palette of its own beside the tokens", () => {
    expect(GIFT_BAR_SHADOW_CSS).not.toMatch(/--cs-[a-z-]+\s*:/);
  });
});
