import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCoins } from "../../lib/format.ts";
import {
  describeEarnings,
  type EarningsPreview,
  previewTip,
  toEarningsBasis,
} from "./preview-text.ts";

const preview = (coins: number, diamonds: number, cashValueUsdMinor: number): EarningsPreview => ({
  coins,
  shareBps: 5_000,
  diamonds,
  cashValueUsdMinor,
});

describe("describeEarnings", () => {
  it.each([
    [preview(100, 50, 50), "Creator receives 50 diamonds (about $0.50)"],
    [preview(2, 1, 1), "Creator receives 1 diamond (about $0.01)"],
    [
      preview(29_999_000, 14_999_500, 14_999_500),
      "Creator receives 14,999,500 diamonds (about $149,995.00)",
    ],
    [preview(1, 0, 0), "Creator receives 0 diamonds (too small to share)"],
    // The API's exact share: a Rose (1 coin at 50%) is half a diamond, not nothing.
    [{ ...preview(1, 0, 0), exactDiamonds: "0.5" }, "Creator receives about 0.5 diamonds"],
    [
      { ...preview(5, 2, 2), exactDiamonds: "2.5" },
      "Creator receives about 2.5 diamonds (about $0.02)",
    ],
    [
      { ...preview(2_469, 1_234, 1_234), exactDiamonds: "1234.5" },
      "Creator receives about 1,234.5 diamonds (about $12.34)",
    ],
    [
      { ...preview(100, 50, 50), exactDiamonds: "50" },
      "Creator receives 50 diamonds (about $0.50)",
    ],
  ])("describes %o", (input, text) => {
    expect(describeEarnings(input)).toBe(text);
  });
});

describe("formatCoins", () => {
  it("groups thousands and says coin or coins", () => {
    expect([formatCoins(1), formatCoins(5), formatCoins(12_000)]).toEqual([
      "1 coin",
      "5 coins",
      "12,000 coins",
    ]);
  });
});

describe("toEarningsBasis", () => {
  it("reads the share and a diamond's cents from an API preview", () => {
    expect(toEarningsBasis(preview(29_999, 14_999, 14_999))).toEqual({
      shareBps: 5_000,
      usdMinorPerDiamond: 1,
    });
  });

  it("returns null when the preview cannot tell (no diamonds)", () => {
    expect(toEarningsBasis(preview(1, 0, 0))).toBeNull();
  });
});

describe("previewTip", () => {
  it("previews a tip with the API's share, rounding down to the platform like the ledger", () => {
    expect(previewTip(101, { shareBps: 5_000, usdMinorPerDiamond: 1 })).toEqual({
      coins: 101,
      shareBps: 5_000,
      diamonds: 50,
      cashValueUsdMinor: 50,
    });
  });

  it("never gives the creator more than the coins, nor cash other than diamonds × rate (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 100 }),
        (coins, shareBps, usdMinorPerDiamond) => {
          const tip = previewTip(coins, { shareBps, usdMinorPerDiamond });
          expect(tip.diamonds).toBeLessThanOrEqual(coins);
          expect(tip.diamonds).toBe(Math.floor((coins * shareBps) / 10_000));
          expect(tip.cashValueUsdMinor).toBe(tip.diamonds * usdMinorPerDiamond);
        },
      ),
    );
  });
});
