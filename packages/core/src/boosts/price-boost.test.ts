import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { priceBoost } from "./price-boost.ts";

describe("priceBoost", () => {
  it.each([
    [5, 500],
    [60, 6_000],
    [240, 24_000],
  ])("charges %i minutes at %i coins when the minutes are in range", (minutes, coins) => {
    expect(priceBoost(minutes)).toEqual({ minutes, coins, rateCardVersion: "2026-12-01" });
  });

  it.each([4, 241, 0, -5, 10.5, Number.NaN])(
    "throws INVALID_INPUT when the minutes are %s",
    (minutes) => {
      expect(() => priceBoost(minutes)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    },
  );

  it("charges 100 coins a minute, more for longer boosts, when given any valid minutes", () => {
    const minutes = fc.integer({ min: 5, max: 240 });
    fc.assert(
      fc.property(minutes, minutes, (a, b) => {
        expect(priceBoost(a).coins).toBe(a * 100);
        if (a < b) expect(priceBoost(a).coins).toBeLessThan(priceBoost(b).coins);
      }),
    );
  });
});
