import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { splitGift } from "./split-gift.ts";

describe("splitGift", () => {
  it.each([
    [1, 5_000, 0, 1],
    [2, 5_000, 1, 1],
    [99, 5_000, 49, 50],
    [100, 5_000, 50, 50],
    [29_999, 5_000, 14_999, 15_000],
    [29_999, 6_000, 17_999, 12_000],
    [7_000, 10_000, 7_000, 0],
    [7_000, 0, 0, 7_000],
  ])("gives %i coins at %i bps -> %i diamonds and %i fee coins", (coins, bps, diamonds, fee) => {
    expect(splitGift(coins, bps)).toEqual({ diamonds, platformFeeCoins: fee });
  });

  it.each([
    [-1, 5_000],
    [1.5, 5_000],
    [10, -1],
    [10, 10_001],
    [10, 50.5],
  ])("throws INVALID_INPUT when given %s coins at %s bps", (coins, bps) => {
    expect(() => splitGift(coins, bps)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("conserves every coin and floors to the creator for any gift and share", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 10_000 }), (coins, shareBps) => {
        const { diamonds, platformFeeCoins } = splitGift(coins, shareBps);
        expect(diamonds + platformFeeCoins).toBe(coins);
        expect(diamonds).toBeGreaterThanOrEqual(0);
        expect(platformFeeCoins).toBeGreaterThanOrEqual(0);
        expect(BigInt(diamonds)).toBe((BigInt(coins) * BigInt(shareBps)) / 10_000n);
      }),
    );
  });

  it("never gives the creator less for a bigger gift or a bigger share", () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.nat(10_000_000),
        fc.integer({ min: 0, max: 10_000 }),
        (a, b, bps) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(splitGift(high, bps).diamonds).toBeGreaterThanOrEqual(
            splitGift(low, bps).diamonds,
          );
          expect(splitGift(low, Math.min(10_000, bps + 1)).diamonds).toBeGreaterThanOrEqual(
            splitGift(low, bps).diamonds,
          );
        },
      ),
    );
  });
});
