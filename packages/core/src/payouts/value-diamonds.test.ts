import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteWithdrawal } from "./quote-withdrawal.ts";
import { valueDiamondsUsdMinor } from "./value-diamonds.ts";

describe("valueDiamondsUsdMinor", () => {
  it("values nothing at nothing", () => {
    expect(valueDiamondsUsdMinor(0)).toBe(0);
  });

  it("equals the gross of a withdrawal of the same diamonds, and adds up", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (a, b) => {
          expect(valueDiamondsUsdMinor(a)).toBe(
            quoteWithdrawal({ diamonds: a, method: "bank" }).grossUsdMinor,
          );
          expect(valueDiamondsUsdMinor(a + b)).toBe(
            valueDiamondsUsdMinor(a) + valueDiamondsUsdMinor(b),
          );
        },
      ),
    );
  });

  it("refuses a negative or fractional count", () => {
    expect(() => valueDiamondsUsdMinor(-1)).toThrow();
    expect(() => valueDiamondsUsdMinor(1.5)).toThrow();
  });
});
