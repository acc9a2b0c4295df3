import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { formatMoney, getCurrency, groupThousands } from "./currencies.ts";
import { compareRatios, parseDecimalRatio } from "./ratio.ts";

describe("formatMoney", () => {
  it.each([
    [199, "USD", "$1.99"],
    [5, "USD", "$0.05"],
    [0, "EUR", "€0.00"],
    [9_999_999, "GBP", "£99,999.99"],
    [15_800, "JPY", "¥15,800"],
    [-150, "USD", "-$1.50"],
    [849_900, "INR", "₹8,499.00"],
    [50_990, "BRL", "R$509.90"],
  ] as const)("formats %i %s as %s", (amount, currency, label) => {
    expect(formatMoney(amount, currency)).toBe(label);
  });
});

describe("groupThousands", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1_000, "1,000"],
    [1_234_567, "1,234,567"],
  ])("groups %i as %s", (value, label) => {
    expect(groupThousands(value)).toBe(label);
  });
});

describe("getCurrency", () => {
  it("knows the exponent when the currency is JPY or USD", () => {
    expect(getCurrency("JPY").exponent).toBe(0);
    expect(getCurrency("USD").exponent).toBe(2);
  });

  it("throws UNSUPPORTED_CURRENCY when the code is unknown or inherited", () => {
    for (const code of ["usd", "XXX", "toString"]) {
      expect(() => getCurrency(code)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.UNSUPPORTED_CURRENCY }),
      );
    }
  });
});

describe("parseDecimalRatio", () => {
  it("parses decimals exactly when given a rate string", () => {
    expect(parseDecimalRatio("0.9213")).toEqual({ numerator: 9_213n, denominator: 10_000n });
    expect(parseDecimalRatio(" 151 ")).toEqual({ numerator: 151n, denominator: 1n });
  });

  it.each(["", "abc", "-1", "1e3", "0", "0.000", "1.", ".5", "1,5"])(
    "throws INVALID_INPUT when given %j",
    (text) => {
      expect(() => parseDecimalRatio(text)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    },
  );
});

describe("compareRatios", () => {
  it("orders ratios exactly when they differ by less than float precision", () => {
    const a = { numerator: 10_000_000_000_000_001n, denominator: 10_000_000_000_000_000n };
    const b = { numerator: 1n, denominator: 1n };
    expect(compareRatios(a, b)).toBe(1);
    expect(compareRatios(b, a)).toBe(-1);
    expect(compareRatios(b, { numerator: 2n, denominator: 2n })).toBe(0);
  });
});
