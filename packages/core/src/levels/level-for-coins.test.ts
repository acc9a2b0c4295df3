import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { badgeForLevel } from "./badge-for-level.ts";
import { levelForCoins } from "./level-for-coins.ts";
import { levelThresholds } from "./level-thresholds.ts";

const thresholds = levelThresholds();
const TOP_THRESHOLD = 20_416_690;
// Mostly around the thresholds, where mistakes live, plus anything up to far past the top.
const lifetimeCoins = fc.oneof(
  fc.constantFrom(...thresholds).chain((t) => fc.integer({ min: Math.max(0, t - 2), max: t + 2 })),
  fc.integer({ min: 0, max: 30_000_000 }),
  fc.nat(),
);

describe("levelForCoins", () => {
  it.each([
    [
      0,
      {
        level: 1,
        badge: "bronze",
        currentThresholdCoins: 0,
        nextThresholdCoins: 10,
        coinsToNextLevel: 10,
        progressBps: 0,
      },
    ],
    [
      5,
      {
        level: 1,
        badge: "bronze",
        currentThresholdCoins: 0,
        nextThresholdCoins: 10,
        coinsToNextLevel: 5,
        progressBps: 5_000,
      },
    ],
    [
      9,
      {
        level: 1,
        badge: "bronze",
        currentThresholdCoins: 0,
        nextThresholdCoins: 10,
        coinsToNextLevel: 1,
        progressBps: 9_000,
      },
    ],
    [
      10,
      {
        level: 2,
        badge: "bronze",
        currentThresholdCoins: 10,
        nextThresholdCoins: 14,
        coinsToNextLevel: 4,
        progressBps: 0,
      },
    ],
    [
      13,
      {
        level: 2,
        badge: "bronze",
        currentThresholdCoins: 10,
        nextThresholdCoins: 14,
        coinsToNextLevel: 1,
        progressBps: 7_500,
      },
    ],
    [
      123,
      {
        level: 10,
        badge: "silver",
        currentThresholdCoins: 123,
        nextThresholdCoins: 167,
        coinsToNextLevel: 44,
        progressBps: 0,
      },
    ],
    [
      TOP_THRESHOLD - 1,
      {
        level: 49,
        badge: "diamond",
        currentThresholdCoins: 15_123_474,
        nextThresholdCoins: TOP_THRESHOLD,
        coinsToNextLevel: 1,
        progressBps: 9_999,
      },
    ],
    [
      TOP_THRESHOLD,
      {
        level: 50,
        badge: "legend",
        currentThresholdCoins: TOP_THRESHOLD,
        nextThresholdCoins: null,
        coinsToNextLevel: null,
        progressBps: 10_000,
      },
    ],
    [
      Number.MAX_SAFE_INTEGER,
      {
        level: 50,
        badge: "legend",
        currentThresholdCoins: TOP_THRESHOLD,
        nextThresholdCoins: null,
        coinsToNextLevel: null,
        progressBps: 10_000,
      },
    ],
  ])(
    "reports level, badge and progress for %i lifetime coins when near a threshold or the top",
    (coins, expected) => {
      expect(levelForCoins(coins)).toEqual(expected);
    },
  );

  it.each(thresholds.slice(1).map((threshold, index) => [index + 2, threshold] as const))(
    "reaches level %i exactly when lifetime coins hit its threshold of %i",
    (level, threshold) => {
      expect(levelForCoins(threshold).level).toBe(level);
      expect(levelForCoins(threshold - 1).level).toBe(level - 1);
    },
  );

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    "throws INVALID_INPUT when lifetime coins is %s",
    (coins) => {
      expect(() => levelForCoins(coins)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    },
  );

  it("never lowers the level when lifetime coins grow", () => {
    fc.assert(
      fc.property(lifetimeCoins, lifetimeCoins, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(levelForCoins(low).level).toBeLessThanOrEqual(levelForCoins(high).level);
      }),
    );
  });

  it("reports a level, badge and progress consistent with its thresholds when given any coins", () => {
    fc.assert(
      fc.property(lifetimeCoins, (coins) => {
        const result = levelForCoins(coins);
        expect(result.badge).toBe(badgeForLevel(result.level));
        expect(result.currentThresholdCoins).toBe(thresholds[result.level - 1]);
        expect(result.currentThresholdCoins).toBeLessThanOrEqual(coins);
        expect(result.progressBps).toBeGreaterThanOrEqual(0);
        expect(result.progressBps).toBeLessThanOrEqual(10_000);
        if (result.nextThresholdCoins === null) {
          expect(result.level).toBe(50);
          expect(result.progressBps).toBe(10_000);
        } else {
          expect(result.nextThresholdCoins).toBeGreaterThan(coins);
          expect(result.coinsToNextLevel).toBe(result.nextThresholdCoins - coins);
          expect(result.progressBps).toBeLessThan(10_000);
        }
      }),
    );
  });
});
