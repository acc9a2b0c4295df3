import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { CURRENCIES, type CurrencyCode } from "../money/currencies.ts";
import { RATE_CARD, RATE_CARDS } from "../rate-card/current.ts";
import { findPack, getPriceList, getPriceListForRegion } from "./price-lists.ts";

const allPriceLists = Object.values(RATE_CARDS).flatMap((card) => Object.values(card.priceLists));

describe("getPriceList", () => {
  it("prices the brief's USD packs exactly", () => {
    expect(getPriceList("USD").packs.map((pack) => [pack.coins, pack.priceMinor])).toEqual([
      [100, 199],
      [500, 899],
      [1_000, 1_699],
      [2_500, 3_999],
      [5_000, 7_499],
      [12_500, 9_999],
    ]);
  });

  it.each(["USD", "EUR", "GBP", "JPY", "INR", "BRL"])(
    "has a list of its own when the currency is %s",
    (currency) => {
      expect(getPriceList(currency).currency).toBe(currency);
    },
  );

  it("throws UNSUPPORTED_CURRENCY when the currency is unknown", () => {
    expect(() => getPriceList("XYZ")).toThrow(
      expect.objectContaining({ code: DomainErrorCode.UNSUPPORTED_CURRENCY }),
    );
  });
});

describe("getPriceListForRegion", () => {
  it.each([
    ["US", "USD"],
    ["de", "EUR"],
    [" GB ", "GBP"],
    ["JP", "JPY"],
    ["IN", "INR"],
    ["BR", "BRL"],
    ["KR", "KRW"],
    ["ZZ", "USD"],
  ])("uses the %s list when the region is %s", (region, currency) => {
    expect(getPriceListForRegion(region).currency).toBe(currency);
  });
});

describe("findPack", () => {
  it("throws UNKNOWN_PACK naming the valid ids when the pack is unknown", () => {
    expect(() => findPack(getPriceList("USD"), "coins-7")).toThrow(/coins-100, coins-500/);
  });
});

describe("every price list", () => {
  it("offers the same pack ids, sorted by coins, at positive whole prices", () => {
    const ids = RATE_CARD.priceLists.USD.packs.map((pack) => pack.id);
    for (const list of allPriceLists) {
      expect(list.packs.map((pack) => pack.id)).toEqual(ids);
      for (const pack of list.packs) {
        expect(Number.isSafeInteger(pack.priceMinor) && pack.priceMinor > 0).toBe(true);
      }
      const coins = list.packs.map((pack) => pack.coins);
      expect(coins).toEqual([...coins].sort((a, b) => a - b));
    }
  });

  it("never charges more per coin for a bigger pack, in any list", () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPriceLists), fc.nat(), fc.nat(), (list, i, j) => {
        const small = list.packs[i % list.packs.length];
        const large = list.packs[j % list.packs.length];
        fc.pre(small !== undefined && large !== undefined && small.coins < large.coins);
        // large.price / large.coins <= small.price / small.coins, cross-multiplied exactly.
        expect(large.priceMinor * small.coins).toBeLessThanOrEqual(small.priceMinor * large.coins);
      }),
    );
  });

  it("is set in a supported currency's own minor units", () => {
    for (const list of allPriceLists) {
      expect(Object.keys(CURRENCIES)).toContain(list.currency satisfies CurrencyCode);
    }
  });
});
