import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD, RATE_CARDS } from "../rate-card/current.ts";
import type { PriceList, RateCard } from "../rate-card/rate-card.ts";
import { priceCustomAmount } from "./price-custom-amount.ts";

const currencies = Object.keys(RATE_CARD.priceLists);
const customCoins = fc.integer({ min: 100, max: 250_000 });
/** Every price list of every published rate card, with the card it belongs to. */
const everyList: [RateCard, PriceList][] = Object.values(RATE_CARDS).flatMap((card) =>
  Object.values(card.priceLists).map((list): [RateCard, PriceList] => [card, list]),
);
const listArbitrary = fc.constantFrom(...everyList);

/** `coins` at a pack's exact per-coin rate, rounded up to the minor unit. */
const atRateOf = (coins: number, pack: { coins: number; priceMinor: number }) =>
  Math.ceil((coins * pack.priceMinor) / pack.coins);

describe("priceCustomAmount", () => {
  it.each([
    [100, "USD", 199, "coins-100"],
    [101, "USD", 201, "coins-100"], // 101 * 1.99 = 200.99 cents, rounded up
    [499, "USD", 899, "coins-100"], // 499 * 1.99 = 993.01 -> capped at the 500 pack's 8.99
    [450, "USD", 896, "coins-100"], // 450 * 1.99 = 895.5 -> 896, under the cap
    [500, "USD", 899, "coins-500"],
    [750, "USD", 1_349, "coins-500"], // 750 * 8.99 / 500 = 13.485 -> 13.49
    [12_000, "USD", 9_999, "coins-5000"], // 12,000 * 1.4998 = 179.976 -> capped at 99.99
    [12_500, "USD", 9_999, "coins-12500"],
    [250_000, "USD", 199_980, "coins-12500"],
    [1_234, "JPY", 3_332, "coins-1000"], // 1234 * 2.7 = 3331.8 yen -> 3332
  ])(
    "charges %i coins in %s at %i minor units when priced at %s",
    (coins, currency, price, pack) => {
      const quote = priceCustomAmount(coins, currency);
      expect(quote.priceMinor).toBe(price);
      expect(quote.ratePackId).toBe(pack);
      expect(quote.rateCardVersion).toBe(RATE_CARD.version);
    },
  );

  it("never charges more for 12,499 coins than for the 12,500 pack, and suggests the pack", () => {
    const quote = priceCustomAmount(12_499, "USD");
    expect(quote.priceMinor).toBe(9_999);
    expect(quote.betterPack?.id).toBe("coins-12500");
  });

  it("suggests no pack when the amount is itself a pack", () => {
    expect(priceCustomAmount(500, "USD").betterPack).toBeNull();
  });

  it("suggests no pack when every bigger pack costs more", () => {
    expect(priceCustomAmount(750, "USD").betterPack).toBeNull();
  });

  it.each([99, 250_001, 100.5, -100, Number.NaN])(
    "throws INVALID_INPUT when given %s coins",
    (coins) => {
      expect(() => priceCustomAmount(coins, "USD")).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    },
  );

  it("prices exactly the pack price when the amount equals a pack", () => {
    for (const [card, list] of everyList) {
      for (const pack of list.packs) {
        expect(priceCustomAmount(pack.coins, list.currency, card).priceMinor).toBe(pack.priceMinor);
      }
    }
  });

  it("never charges more per coin than any pack at or below the amount (rounded up to the minor unit)", () => {
    fc.assert(
      fc.property(customCoins, listArbitrary, (coins, [card, list]) => {
        const { priceMinor } = priceCustomAmount(coins, list.currency, card);
        for (const pack of list.packs.filter((p) => p.coins <= coins)) {
          expect(priceMinor).toBeLessThanOrEqual(atRateOf(coins, pack));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("never charges more than a pack with at least as many coins", () => {
    fc.assert(
      fc.property(customCoins, listArbitrary, (coins, [card, list]) => {
        const quote = priceCustomAmount(coins, list.currency, card);
        for (const pack of list.packs.filter((p) => p.coins >= coins)) {
          expect(quote.priceMinor).toBeLessThanOrEqual(pack.priceMinor);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("never charges less per coin than a pack with at least as many coins", () => {
    fc.assert(
      fc.property(customCoins, listArbitrary, (coins, [card, list]) => {
        const { priceMinor } = priceCustomAmount(coins, list.currency, card);
        for (const pack of list.packs.filter((p) => p.coins >= coins)) {
          expect(priceMinor * pack.coins).toBeGreaterThanOrEqual(coins * pack.priceMinor);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("suggests a pack exactly when one with more coins costs no more", () => {
    fc.assert(
      fc.property(customCoins, listArbitrary, (coins, [card, list]) => {
        const quote = priceCustomAmount(coins, list.currency, card);
        const better = list.packs.filter(
          (p) => p.coins > coins && p.priceMinor <= quote.priceMinor,
        );
        expect(quote.betterPack !== null).toBe(better.length > 0);
        if (quote.betterPack) expect(better).toContainEqual(quote.betterPack);
      }),
      { numRuns: 2_000 },
    );
  });

  // Stated rule: the price never falls as the amount grows. Checked for every amount, not sampled:
  // about 4 million prices, seconds on a loaded machine (over the default 5 s timeout).
  it("never charges less for more coins, across the whole custom range of every list", () => {
    for (const [card, list] of everyList) {
      const { minCoins, maxCoins } = card.customAmount;
      let previous = priceCustomAmount(minCoins, list.currency, card).priceMinor;
      for (let coins = minCoins + 1; coins <= maxCoins; coins++) {
        const { priceMinor } = priceCustomAmount(coins, list.currency, card);
        if (priceMinor < previous) {
          throw new Error(`${list.currency}: ${coins} coins cost ${priceMinor} < ${previous}`);
        }
        previous = priceMinor;
      }
    }
  }, 60_000);

  it("never charges less than the rate pack's exact per-coin price when no bigger pack caps it", () => {
    fc.assert(
      fc.property(customCoins, fc.constantFrom(...currencies), (coins, currency) => {
        const quote = priceCustomAmount(coins, currency);
        const packs = RATE_CARD.priceLists[quote.currency].packs;
        const pack = packs.find((p) => p.id === quote.ratePackId);
        if (!pack) throw new Error("rate pack missing");
        const cap = Math.min(...packs.filter((p) => p.coins >= coins).map((p) => p.priceMinor));
        expect(quote.priceMinor).toBe(Math.min(atRateOf(coins, pack), cap));
      }),
    );
  });
});
