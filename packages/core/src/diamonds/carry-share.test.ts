import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARRY_LANES, formatExactDiamonds, splitCarriedGift } from "./carry-share.ts";
import { splitGift } from "./split-gift.ts";

const floorShare = (coins: bigint, shareBps: number) => (coins * BigInt(shareBps)) / 10_000n;

describe("splitCarriedGift", () => {
  it("credits a creator 1 diamond for every second 1-coin rose at 50% instead of none", () => {
    let carried = 0n;
    const diamonds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const split = splitCarriedGift(carried, 1, 5_000);
      diamonds.push(split.diamonds);
      carried = split.coinsAfter;
    }
    expect(diamonds).toEqual([0, 1, 0, 1]);
  });

  it("gives two 5-coin hearts at 50% 5 diamonds, not 4", () => {
    const first = splitCarriedGift(0n, 5, 5_000);
    const second = splitCarriedGift(first.coinsAfter, 5, 5_000);
    expect([first.diamonds, second.diamonds]).toEqual([2, 3]);
  });

  it("is splitGift for a creator's first gift", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 10_000 }), (coins, bps) => {
        expect(splitCarriedGift(0n, coins, bps).diamonds).toBe(splitGift(coins, bps).diamonds);
      }),
    );
  });

  it("adds up to exactly floor(total coins x share) over any sequence of gifts on a lane", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 10_000 }),
        (gifts, bps) => {
          let carried = 0n;
          let diamonds = 0n;
          for (const coins of gifts) {
            const split = splitCarriedGift(carried, coins, bps);
            expect(split.diamonds + split.platformFeeCoins).toBe(coins);
            expect(split.diamonds).toBeGreaterThanOrEqual(0);
            diamonds += BigInt(split.diamonds);
            carried = split.coinsAfter;
          }
          expect(diamonds).toBe(floorShare(carried, bps));
        },
      ),
    );
  });

  it("stays within CARRY_LANES - 1 diamonds below floor(total x share), never above, however gifts spread over lanes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            coins: fc.integer({ min: 1, max: 100_000 }),
            lane: fc.nat(CARRY_LANES - 1),
          }),
          { maxLength: 200 },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (gifts, bps) => {
          const lanes = new Array<bigint>(CARRY_LANES).fill(0n);
          let diamonds = 0n;
          let total = 0n;
          for (const { coins, lane } of gifts) {
            const split = splitCarriedGift(lanes[lane] ?? 0n, coins, bps);
            lanes[lane] = split.coinsAfter;
            diamonds += BigInt(split.diamonds);
            total += BigInt(coins);
          }
          const exact = floorShare(total, bps);
          expect(diamonds).toBeLessThanOrEqual(exact);
          expect(exact - diamonds).toBeLessThanOrEqual(BigInt(CARRY_LANES - 1));
        },
      ),
    );
  });

  it("computes exactly past 2^53 carried coins", () => {
    const huge = 2n ** 60n + 1n;
    expect(splitCarriedGift(huge, 1, 5_000)).toEqual({
      diamonds: 1,
      platformFeeCoins: 0,
      coinsAfter: huge + 1n,
    });
  });
});

describe("formatExactDiamonds", () => {
  it.each([
    [5, 5_000, "2.5"],
    [1, 5_000, "0.5"],
    [100, 5_000, "50"],
    [1, 6_001, "0.6001"],
    [3, 3_333, "0.9999"],
    [0, 5_000, "0"],
  ])("says %i coins at %i bps is %s diamonds", (coins, bps, label) => {
    expect(formatExactDiamonds(coins, bps)).toBe(label);
  });
});
