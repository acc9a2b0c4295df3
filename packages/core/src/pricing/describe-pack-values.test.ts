import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RATE_CARDS } from "../rate-card/current.ts";
import { describePackValues } from "./describe-pack-values.ts";
import { getPriceList } from "./price-lists.ts";

const allPriceLists = Object.values(RATE_CARDS).flatMap((card) => Object.values(card.priceLists));

describe("describePackValues", () => {
  it("shows per-coin value and savings for the USD packs", () => {
    const values = describePackValues(getPriceList("USD"));
    expect(
      values.map((v) => [v.packId, v.perCoinMicroMinor, v.savingsBps, v.per100CoinsLabel]),
    ).toEqual([
      ["coins-100", 1_990_000, 0, "$1.99 per 100 coins"],
      ["coins-500", 1_798_000, 964, "$1.80 per 100 coins"],
      ["coins-1000", 1_699_000, 1_462, "$1.70 per 100 coins"],
      ["coins-2500", 1_599_600, 1_961, "$1.60 per 100 coins"],
      ["coins-5000", 1_499_800, 2_463, "$1.50 per 100 coins"],
      ["coins-12500", 799_920, 5_980, "$0.80 per 100 coins"],
    ]);
  });

  it("labels zero-exponent currencies without decimals when the list is JPY", () => {
    expect(describePackValues(getPriceList("JPY"))[0]?.per100CoinsLabel).toBe("¥300 per 100 coins");
  });

  it("never shows a higher per-coin price or a lower saving for a bigger pack, in any list", () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPriceLists), (list) => {
        const values = describePackValues(list);
        for (let i = 1; i < values.length; i++) {
          const previous = values[i - 1];
          const current = values[i];
          if (!previous || !current) throw new Error("missing pack");
          expect(current.perCoinMicroMinor).toBeLessThanOrEqual(previous.perCoinMicroMinor);
          expect(current.savingsBps).toBeGreaterThanOrEqual(previous.savingsBps);
        }
      }),
    );
  });
});
