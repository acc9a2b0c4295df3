import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import {
  addMilliseconds,
  countSpendsInWindow,
  findRollOutTime,
  isInWindow,
  SPEND_WINDOW_MS,
  sumCoinsInWindow,
} from "./rolling-windows.ts";
import type { SpendRecord } from "./spending-limits.ts";

const HOUR = 60 * 60 * 1000;
const DAY = SPEND_WINDOW_MS.day;
const T0 = new Date("2026-11-01T00:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const spend = (coins: number, offsetMs: number): SpendRecord => ({ coins, at: at(offsetMs) });
const byCoins = (s: SpendRecord): number => s.coins;

describe("isInWindow", () => {
  it.each([
    { offset: -DAY, counts: false },
    { offset: -DAY + 1, counts: true },
    { offset: 0, counts: true },
    { offset: HOUR, counts: true },
  ])("counts a spend: $counts when it is $offset ms from now", ({ offset, counts }) => {
    expect(isInWindow(at(offset), T0, DAY)).toBe(counts);
  });
});

describe("sumCoinsInWindow", () => {
  it("adds only the spends inside the window when some are older", () => {
    const history = [spend(5, -2 * DAY), spend(7, -HOUR), spend(11, HOUR)];
    expect(sumCoinsInWindow(history, T0, DAY)).toBe(18);
  });
});

describe("countSpendsInWindow", () => {
  it("counts spends, not coins, when asked for a count", () => {
    const history = [spend(500, -30_000), spend(1, -61_000), spend(3, 0)];
    expect(countSpendsInWindow(history, T0, SPEND_WINDOW_MS.minute)).toBe(2);
  });
});

describe("findRollOutTime", () => {
  it("returns now when the amount already fits", () => {
    expect(findRollOutTime([spend(10, -HOUR)], T0, DAY, 100, 90, byCoins)).toEqual(T0);
  });

  it("returns null when the amount is above the capacity", () => {
    expect(findRollOutTime([], T0, DAY, 100, 101, byCoins)).toBeNull();
  });

  it("waits for the oldest spends to leave until they free enough", () => {
    const history = [spend(10, -HOUR), spend(60, -2 * HOUR), spend(30, -3 * HOUR)];
    // 40 must be freed: the 30 from -3h is not enough; with the 60 from -2h it is, at 22h.
    expect(findRollOutTime(history, T0, DAY, 100, 40, byCoins)).toEqual(at(22 * HOUR));
  });

  it("is the earliest instant at which the amount fits", () => {
    const spendArb = fc.record({
      coins: fc.integer({ min: 0, max: 100 }),
      offset: fc.integer({ min: -DAY + 1, max: HOUR }),
    });
    fc.assert(
      fc.property(
        fc.array(spendArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (spends, capacity, needed) => {
          const history = spends.map((s) => spend(s.coins, s.offset));
          const retryAt = findRollOutTime(history, T0, DAY, capacity, needed, byCoins);
          const fits = (when: Date) => sumCoinsInWindow(history, when, DAY) + needed <= capacity;
          if (retryAt === null) {
            expect(needed).toBeGreaterThan(capacity);
            return;
          }
          expect(fits(retryAt)).toBe(true);
          if (retryAt.getTime() > T0.getTime()) {
            expect(fits(new Date(retryAt.getTime() - 1))).toBe(false);
          }
        },
      ),
    );
  });
});

describe("addMilliseconds", () => {
  it("moves the date on when the result is in range", () => {
    expect(addMilliseconds(T0, DAY)).toEqual(at(DAY));
  });

  it("throws OVERFLOW when the result is past the last date a Date can hold", () => {
    expect(() => addMilliseconds(new Date(8.64e15), 1)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.OVERFLOW }),
    );
  });
});
