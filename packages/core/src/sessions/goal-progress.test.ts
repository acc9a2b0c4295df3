import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GoalProgress, getGoalProgress, goalPercent } from "./goal-progress.ts";

const goal = (progressCoins: number, reached = false, targetCoins = 5_000): GoalProgress => ({
  title: "New camera",
  targetCoins,
  progressCoins,
  reached,
});

describe("getGoalProgress", () => {
  it.each([
    [4_999, false, false],
    [5_000, false, true],
    [6_000, false, true],
    [10, true, true],
  ])("%i coins, recorded reached %s -> reached %s", (coins, recordedReached, reached) => {
    expect(
      getGoalProgress({ title: "New camera", targetCoins: 5_000, recordedReached }, coins),
    ).toEqual(goal(coins, reached));
  });

  it("never takes back a goal once recorded reached, whatever the coins", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1 }), (coins, targetCoins) => {
        const progress = getGoalProgress(
          { title: null, targetCoins, recordedReached: true },
          coins,
        );
        expect(progress.reached).toBe(true);
      }),
    );
  });
});

describe("goalPercent", () => {
  it.each([
    [goal(0), 0],
    [goal(2_499), 49],
    [goal(4_999), 99],
    [goal(5_000, true), 100],
    [goal(9_000, true), 100],
  ])("%o -> %i%%", (input, percent) => {
    expect(goalPercent(input)).toBe(percent);
  });

  it("stays within 0-99 until the goal is reached", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1 }), (progressCoins, targetCoins) => {
        const percent = goalPercent(goal(progressCoins, false, targetCoins));
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(99);
      }),
    );
  });
});
