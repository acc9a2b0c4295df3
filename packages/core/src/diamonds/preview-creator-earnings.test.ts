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
      exactDiamonds: "50",
      platformFeeCoins: 50,
      cashValueUsdMinor: 50,
      label: "Creator receives 50 diamonds, about $0.50",
      rateCardVersion: RATE_CARD.version,
    });
  });

  it("uses the partner share and groups thousands when a partner gets a lion", () => {
    expect(previewCreatorEarnings(29_999, { tier: "partner" }).label).toBe(
      "Creator receives 17,999.4 diamonds, about $179.99 (17,999 now; fractions add up over their gifts)",
    );
    expect(previewCreatorEarnings(10_001, { tier: "standard", overrideBps: 6_001 }).label).toBe(
      "Creator receives 6,001.6001 diamonds, about $60.01 (6,001 now; fractions add up over their gifts)",
    );
  });

  it("says 'diamond' in the singular when the creator receives one", () => {
    expect(previewCreatorEarnings(2, { tier: "standard" }).label).toBe(
      "Creator receives 1 diamond, about $0.01",
    );
  });

  it("says what the creator receives for a 5-coin heart: 2.5 diamonds, the fraction carried", () => {
    expect(previewCreatorEarnings(5, { tier: "standard" })).toMatchObject({
      diamonds: 2,
      exactDiamonds: "2.5",
      label:
        "Creator receives 2.5 diamonds, about $0.02 (2 now; fractions add up over their gifts)",
    });
  });

  it("credits the carried half diamond when the creator already has one from an earlier rose", () => {
    expect(previewCreatorEarnings(1, { tier: "standard" }, RATE_CARD, 1n)).toMatchObject({
      diamonds: 1,
      exactDiamonds: "0.5",
      label:
        "Creator receives 0.5 diamonds, about $0.01 (1 now; fractions add up over their gifts)",
    });
    expect(previewCreatorEarnings(1, { tier: "standard" }).label).toBe(
      "Creator receives 0.5 diamonds (0 now; fractions add up over their gifts)",
    );
  });
});
