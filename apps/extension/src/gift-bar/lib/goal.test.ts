import { describe, expect, it } from "vitest";
import type { StreamEventMessage } from "../../messaging/contract.ts";
import { applyGoalEvent, describeGoal, didReachGoal, goalFromSession } from "./goal.ts";

const goal = (progressCoins: number, reached = false, targetCoins = 5_000) => ({
  title: "New camera",
  targetCoins,
  progressCoins,
  reached,
});

const goalEvent = (progress?: ReturnType<typeof goal>): StreamEventMessage => ({
  id: "9",
  kind: "goal",
  creatorHandle: "nova",
  viewerName: "",
  coins: 0,
  giftId: null,
  count: 0,
  comboCount: 0,
  comboId: null,
  message: null,
  at: "2026-11-20T20:00:00.000Z",
  ...(progress ? { goal: progress } : {}),
});

describe("goalFromSession", () => {
  it("reads the live session's goal, or null when not live", () => {
    const session = {
      id: "s",
      title: null,
      startedAt: "",
      endedAt: null,
      startedBy: "manual" as const,
      endedBy: null,
      coins: 10,
      goal: goal(10),
    };
    expect(goalFromSession({ handle: "nova", live: true, session })).toEqual(goal(10));
    expect(goalFromSession({ handle: "nova", live: false, session: null })).toBeNull();
  });
});

describe("applyGoalEvent", () => {
  it("takes the progress of a goal event and clears the goal when the event has none", () => {
    expect(applyGoalEvent(goal(10), goalEvent(goal(300)))).toEqual(goal(300));
    expect(applyGoalEvent(goal(10), goalEvent())).toBeNull();
  });

  it("leaves the goal alone for other events", () => {
    const gift = { ...goalEvent(), kind: "gift" as const, giftId: "rose", coins: 1 };
    expect(applyGoalEvent(goal(10), gift)).toEqual(goal(10));
  });
});

describe("didReachGoal", () => {
  it("is true only for the update that reaches it", () => {
    expect(didReachGoal(goal(4_000), goal(5_000, true))).toBe(true);
    expect(didReachGoal(goal(5_000, true), goal(5_100, true))).toBe(false);
    expect(didReachGoal(goal(5_000, true), goal(100, true, 10_000))).toBe(true);
    expect(didReachGoal(goal(10), goal(20))).toBe(false);
    expect(didReachGoal(goal(10), null)).toBe(false);
  });
});

describe("describeGoal", () => {
  it("shows progress over target", () => {
    expect(describeGoal(goal(1_200))).toBe("1,200 / 5,000 coins");
  });
});
