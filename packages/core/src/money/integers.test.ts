import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import {
  addChecked,
  assertIntegerInRange,
  mulDivCeil,
  mulDivFloor,
  multiplyChecked,
  toSafeInteger,
} from "./integers.ts";

const nonNegative = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe("addChecked", () => {
  it("adds when the sum is a safe integer", () => {
    expect(addChecked(2, 3)).toBe(5);
  });

  it("throws OVERFLOW when the sum leaves the safe range", () => {
    expect(() => addChecked(Number.MAX_SAFE_INTEGER, 1)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.OVERFLOW }),
    );
  });
});

describe("multiplyChecked", () => {
  it("throws OVERFLOW when the product leaves the safe range", () => {
    expect(() => multiplyChecked(2 ** 30, 2 ** 30)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.OVERFLOW }),
    );
  });
});

describe("mulDivFloor", () => {
  it("is exact when the intermediate product exceeds 2^53", () => {
    expect(mulDivFloor(Number.MAX_SAFE_INTEGER, 10_000, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("equals the bigint floor for any operands", () => {
    fc.assert(
      fc.property(nonNegative, fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const expected = (BigInt(a) * BigInt(b)) / 10_000n;
        expect(BigInt(mulDivFloor(a, b, 10_000))).toBe(expected);
      }),
    );
  });

  it("rejects negative operands when given them", () => {
    expect(() => mulDivFloor(-1, 1, 1)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });
});

describe("mulDivCeil", () => {
  it("rounds up only when there is a remainder", () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 10_000 }),
        (a, b, c) => {
          const floor = mulDivFloor(a, b, c);
          const ceil = mulDivCeil(a, b, c);
          expect(ceil - floor).toBe((a * b) % c === 0 ? 0 : 1);
        },
      ),
    );
  });
});

describe("assertIntegerInRange", () => {
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, -1, 11])(
    "throws INVALID_INPUT when given %s for the range 0..10",
    (value) => {
      expect(() => assertIntegerInRange(value, 0, 10, "Coins")).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    },
  );
});

describe("toSafeInteger", () => {
  it("converts in-range bigints and refuses larger ones", () => {
    expect(toSafeInteger(42n)).toBe(42);
    expect(() => toSafeInteger(2n ** 53n)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.OVERFLOW }),
    );
  });
});
