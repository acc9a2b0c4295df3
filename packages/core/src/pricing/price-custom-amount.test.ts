import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import { priceCustomAmount } from "./price-custom-amount.ts";

const currencies = Object.keys(RATE_CARD.priceLists);
const customCoins = fc.integer({ min: 100, max: 250_000 });

describe("priceCustomAmount", () => {
  it.each([
    [100, "USD", 199, "coins-100"],
    [101, "USD", 201, "coins-100"], // 101 * 1.99 = 200.99 cents, rounded up
    [499, "USD", 994, "coins-100"],
    [500, "USD", 899, "coins-500"],
    [750, "USD", 1_349, "coins-500"], // 750 * 8.99 / 500 = 13.485 -> 13.49
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

  it("points to a cheaper pack when a bigger pack costs no more", () => {
    const quote = priceCustomAmount(12_499, "USD");
    expect(quote.priceMinor).toBe(18_747);
    expect(quote.betterPack?.id).toBe("coins-12500");
  });

  it("suggests no pack when the amount is itself a pack", () => {
    expect(priceCustomAmount(500, "USD").betterPack).toBeNull();
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
    for (const list of Object.values(RATE_CARD.priceLists)) {
      for (const pack of list.packs) {
        expect(priceCustomAmount(pack.coins, list.currency).priceMinor).toBe(pack.priceMinor);
      }
    }
  });

  it("never charges less than the rate pack's exact per-coin price, and less than one minor unit more", () => {
    fc.assert(
      fc.property(customCoins, fc.constantFrom(...currencies), (coins, currency) => {
        const quote = priceCustomAmount(coins, currency);
        const pack = RATE_CARD.priceLists[quote.currency].packs.find(
          (p) => p.id === quote.ratePackId,
        );
        if (!pack) throw new Error("rate pack missing");
        const exact = coins * pack.priceMinor; // price * pack.coins, scaled
        expect(quote.priceMinor * pack.coins).toBeGreaterThanOrEqual(exact);
        expect((quote.priceMinor - 1) * pack.coins).toBeLessThan(exact);
      }),
    );
  });

  it("never charges less for more coins priced at the same pack rate", () => {
    fc.assert(
      fc.property(customCoins, customCoins, fc.constantFrom(...currencies), (a, b, currency) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowQuote = priceCustomAmount(low, currency);
        const highQuote = priceCustomAmount(high, currency);
        fc.pre(lowQuote.ratePackId === highQuote.ratePackId);
        expect(highQuote.priceMinor).toBeGreaterThanOrEqual(lowQuote.priceMinor);
      }),
    );
  });
});
