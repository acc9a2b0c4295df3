import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { type RecentGift, scoreStream } from "./score-stream.ts";

const NOW = new Date("2026-11-15T20:00:00.000Z");
const MINUTE = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const gift = (coins: number, ageMs: number): RecentGift => ({ coins, at: ago(ageMs) });

const giftArbitrary = fc.record({
  coins: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 30_000_000 })),
  at: fc.integer({ min: -MINUTE, max: 20 * MINUTE }).map(ago),
});
const boostArbitrary = fc.option(fc.integer({ min: -60 * MINUTE, max: 60 * MINUTE }).map(ago), {
  nil: null,
});

describe("scoreStream", () => {
  it.each([
    ["nothing happened", [], null, 0],
    ["a 100-coin gift was just sent", [gift(100, 0)], null, 100],
    ["a 100-coin gift is half the window old", [gift(100, 7.5 * MINUTE)], null, 50],
    ["a 100-coin gift is 14 minutes old", [gift(100, 14 * MINUTE)], null, 6],
    ["a gift is exactly the window old", [gift(100, 15 * MINUTE)], null, 0],
    ["a gift is older than the window", [gift(29_999, 60 * MINUTE)], null, 0],
    ["a 1-coin gift is 1 ms old (rounded down)", [gift(1, 1)], null, 0],
    ["a gift is dated 5 s in the future (clock skew)", [gift(100, -5_000)], null, 100],
    ["two gifts fade separately", [gift(100, 0), gift(1_000, 12 * MINUTE)], null, 300],
    ["a boost is active", [gift(100, 0)], ago(-1), 10_100],
    ["a boost ends exactly now", [gift(100, 0)], ago(0), 100],
    ["a boost ended earlier", [], ago(MINUTE), 0],
  ])("scores as expected when %s", (_label, recentGifts, boostEndsAt, expected) => {
    expect(scoreStream({ recentGifts, boostEndsAt }, NOW)).toBe(expected);
  });

  it.each([
    ["negative coins", [gift(-1, 0)], null],
    ["fractional coins", [gift(1.5, 0)], null],
    ["an invalid gift date", [{ coins: 1, at: new Date(Number.NaN) }], null],
    ["an invalid boost end", [], new Date(Number.NaN)],
  ])("throws INVALID_INPUT when given %s", (_label, recentGifts, boostEndsAt) => {
    expect(() => scoreStream({ recentGifts, boostEndsAt }, NOW)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("never lowers the score when a gift is added", () => {
    fc.assert(
      fc.property(
        fc.array(giftArbitrary),
        giftArbitrary,
        boostArbitrary,
        (gifts, extra, boostEndsAt) => {
          const before = scoreStream({ recentGifts: gifts, boostEndsAt }, NOW);
          const after = scoreStream({ recentGifts: [...gifts, extra], boostEndsAt }, NOW);
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it("adds exactly the bonus and never lowers the score when a boost is active", () => {
    fc.assert(
      fc.property(
        fc.array(giftArbitrary),
        fc.integer({ min: 1, max: 240 * MINUTE }),
        (gifts, leftMs) => {
          const unboosted = scoreStream({ recentGifts: gifts, boostEndsAt: null }, NOW);
          const boosted = scoreStream({ recentGifts: gifts, boostEndsAt: ago(-leftMs) }, NOW);
          expect(boosted).toBe(unboosted + 10_000);
        },
      ),
    );
  });

  it("never raises a gift's contribution as it ages, and never above its coins", () => {
    const age = fc.integer({ min: -MINUTE, max: 20 * MINUTE });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000 }), age, age, (coins, a, b) => {
        const [younger, older] = a <= b ? [a, b] : [b, a];
        const scoreAt = (ageMs: number) =>
          scoreStream({ recentGifts: [gift(coins, ageMs)], boostEndsAt: null }, NOW);
        expect(scoreAt(older)).toBeLessThanOrEqual(scoreAt(younger));
        expect(scoreAt(younger)).toBeLessThanOrEqual(coins);
      }),
    );
  });
});
