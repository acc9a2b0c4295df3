import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOOST_REACH_WINDOW_MS, findRunningBoost, getReachWindowStart } from "./reach-window.ts";

const MINUTE = 60_000;
const NOW = new Date("2026-11-15T20:10:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe("getReachWindowStart", () => {
  it("puts a refresh a few minutes later in the same window", () => {
    expect(getReachWindowStart(at(5 * MINUTE))).toEqual(getReachWindowStart(at(MINUTE)));
  });

  it("returns a start at or before the moment, less than a window before it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (ms) => {
        const start = getReachWindowStart(new Date(ms)).getTime();
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms - start).toBeLessThan(BOOST_REACH_WINDOW_MS);
        expect(start % BOOST_REACH_WINDOW_MS).toBe(0);
      }),
    );
  });
});

describe("findRunningBoost", () => {
  const first = { id: "a", minutes: 30, endsAt: at(20 * MINUTE) };
  const second = { id: "b", minutes: 60, endsAt: at(80 * MINUTE) };

  it.each([
    ["the first boost runs", at(0), "a"],
    ["the stacked second boost runs", at(21 * MINUTE), "b"],
    ["every boost has ended", at(81 * MINUTE), null],
    ["no boost has started", at(-11 * MINUTE), null],
  ])("finds the right boost when %s", (_label, moment, expected) => {
    expect(findRunningBoost([first, second], moment)?.id ?? null).toBe(expected);
  });
});
