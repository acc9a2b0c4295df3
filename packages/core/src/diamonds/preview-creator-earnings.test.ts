import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import { getCreatorShareBps } from "./creator-share.ts";
import { previewCreatorEarnings } from "./preview-creator-earnings.ts";

describe("getCreatorShareBps", () => {
  it.each([
    [{ tier: "standard" as const }, 5_000],
    [{ tier: "partner" as const }, 6_000],
    [{ tier: "standard" as const, overrideBps: 7_000 }, 7_000],
    [{ tier: "partner" as const, overrideBps: null }, 6_000],
  ])("returns the share for %j -> %i", (terms, bps) => {
    expect(getCreatorShareBps(terms)).toBe(bps);
  });

  it("throws INVALID_INPUT when an override is above 100%", () => {
    expect(() => getCreatorShareBps({ tier: "standard", overrideBps: 10_001 })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });
});

describe("previewCreatorEarnings", () => {
  it("tells the viewer what a standard creator receives for a 100-coin gift", () => {
    expect(previewCreatorEarnings(100, { tier: "standard" })).toEqual({
      coins: 100,
      shareBps: 5_000,
      diamonds: 50,
      platformFeeCoins: 50,
      cashValueUsdMinor: 50,
      label: "Creator receives 50 diamonds, about $0.50",
      rateCardVersion: RATE_CARD.version,
    });
  });

  it("uses the partner share and groups thousands when a partner gets a lion", () => {
    expect(previewCreatorEarnings(29_999, { tier: "partner" }).label).toBe(
      "Creator receives 17,999 diamonds, about $179.99",
    );
  });

  it("says 'diamond' in the singular when the creator receives one", () => {
    expect(previewCreatorEarnings(2, { tier: "standard" }).label).toBe(
      "Creator receives 1 diamond, about $0.01",
    );
  });
});
