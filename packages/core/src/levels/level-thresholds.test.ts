import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { LevelRules, RateCard } from "../rate-card/rate-card.ts";
import { levelThresholds } from "./level-thresholds.ts";

const withLevels = (levels: Partial<LevelRules>): RateCard => ({
  ...RATE_CARD,
  levels: { ...RATE_CARD.levels, ...levels },
});

describe("levelThresholds", () => {
  const thresholds = levelThresholds();

  it("has one threshold per level, 50 in all, when given the current card", () => {
    expect(thresholds).toHaveLength(50);
  });

  it.each([
    [1, 0],
    [2, 10],
    [3, 14],
    [4, 19],
    [5, 26],
    [8, 67],
    [10, 123],
    [20, 2_510],
    [30, 50_501],
    [40, 1_015_423],
    [50, 20_416_690],
  ])("puts level %i at %i coins when growing 35%% from 10, rounding up", (level, coins) => {
    expect(thresholds[level - 1]).toBe(coins);
  });

  it("grows each threshold by exactly ceil(previous * (100 + growth) / 100) when given any level rules", () => {
    const rules = fc.record({
      maxLevel: fc.integer({ min: 1, max: 60 }),
      firstThresholdCoins: fc.integer({ min: 1, max: 1_000 }),
      growthPercent: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(rules, (levels) => {
        const result = levelThresholds(withLevels(levels));
        expect(result).toHaveLength(levels.maxLevel);
        expect(result[0]).toBe(0);
        if (levels.maxLevel >= 2) expect(result[1]).toBe(levels.firstThresholdCoins);
        for (let index = 2; index < result.length; index += 1) {
          const previous = BigInt(result[index - 1] ?? 0);
          const factor = BigInt(100 + levels.growthPercent);
          expect(BigInt(result[index] ?? 0)).toBe((previous * factor + 99n) / 100n);
        }
      }),
    );
  });

  it("is strictly increasing when given any positive level rules", () => {
    const rules = fc.record({
      maxLevel: fc.integer({ min: 1, max: 80 }),
      firstThresholdCoins: fc.integer({ min: 1, max: 1_000_000 }),
      growthPercent: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(rules, (levels) => {
        let result: number[];
        try {
          result = levelThresholds(withLevels(levels));
        } catch (error) {
          // Steep rules may run out of safe integers; that must be said, never wrapped.
          expect(error).toMatchObject({ code: DomainErrorCode.OVERFLOW });
          return;
        }
        for (let index = 1; index < result.length; index += 1) {
          expect(result[index]).toBeGreaterThan(result[index - 1] ?? 0);
        }
      }),
    );
  });

  it.each([
    ["growthPercent 0", { growthPercent: 0 }],
    ["firstThresholdCoins 0", { firstThresholdCoins: 0 }],
    ["maxLevel 0", { maxLevel: 0 }],
    ["maxLevel 1.5", { maxLevel: 1.5 }],
  ])("throws INVALID_INPUT when the card has %s", (_label, levels) => {
    expect(() => levelThresholds(withLevels(levels))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("throws OVERFLOW when thresholds would leave the safe integer range", () => {
    expect(() =>
      levelThresholds(
        withLevels({ maxLevel: 100, firstThresholdCoins: 1_000_000, growthPercent: 100 }),
      ),
    ).toThrow(expect.objectContaining({ code: DomainErrorCode.OVERFLOW }));
  });
});
