import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode, isDomainError } from "../errors.ts";
import { extendBoost } from "./extend-boost.ts";

const NOW = new Date("2026-11-15T20:00:00.000Z");
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe("extendBoost", () => {
  it.each([
    ["there is no boost", null, 30, 30 * MINUTE],
    ["the boost has ended", at(-10 * MINUTE), 30, 30 * MINUTE],
    ["the boost ends right now", at(0), 30, 30 * MINUTE],
    ["a boost is running", at(20 * MINUTE), 30, 50 * MINUTE],
    ["the extension reaches the cap exactly", at(200 * MINUTE), 40, 240 * MINUTE],
    ["a single boost is the longest allowed", null, 240, 240 * MINUTE],
  ])("ends at the right time when %s", (_label, currentEndsAt, minutes, expectedOffsetMs) => {
    expect(extendBoost(currentEndsAt, minutes, NOW)).toEqual(at(expectedOffsetMs));
  });

  it.each([
    ["200 minutes are left", 200 * MINUTE, 41, 40, "add at most 40 minutes"],
    ["200.5 minutes are left", 200 * MINUTE + 30_000, 40, 39, "add at most 39 minutes"],
    ["238 minutes are left", 238 * MINUTE, 5, 2, "at most 235 minutes left"],
    ["a longer boost from an older card is left", 300 * MINUTE, 5, 0, "at most 235 minutes left"],
  ])(
    "throws INVALID_INPUT saying how much can be added when %s",
    (_label, remainingMs, minutes, maxAddableMinutes, advice) => {
      expect(() => extendBoost(at(remainingMs), minutes, NOW)).toThrow(
        expect.objectContaining({
          code: DomainErrorCode.INVALID_INPUT,
          message: expect.stringContaining(advice),
          details: expect.objectContaining({ maxAddableMinutes }),
        }),
      );
    },
  );

  it.each([4, 241, 7.5])("throws INVALID_INPUT when asked for %s minutes", (minutes) => {
    expect(() => extendBoost(null, minutes, NOW)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it.each([
    ["now", null, new Date(Number.NaN)],
    ["currentEndsAt", new Date(Number.NaN), NOW],
  ])("throws INVALID_INPUT when %s is an invalid date", (_label, currentEndsAt, now) => {
    expect(() => extendBoost(currentEndsAt, 30, now)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("stacks from the later of now and the current end, never past 240 minutes ahead, when given any boost", () => {
    const currentEndsAt = fc.option(fc.integer({ min: -300 * MINUTE, max: 300 * MINUTE }).map(at), {
      nil: null,
    });
    fc.assert(
      fc.property(currentEndsAt, fc.integer({ min: 5, max: 240 }), (current, minutes) => {
        const startMs = Math.max(NOW.getTime(), current?.getTime() ?? 0);
        try {
          const endsAt = extendBoost(current, minutes, NOW);
          expect(endsAt.getTime() - startMs).toBe(minutes * MINUTE);
          expect(endsAt.getTime() - NOW.getTime()).toBeLessThanOrEqual(240 * MINUTE);
        } catch (error) {
          if (!isDomainError(error)) throw error;
          expect(startMs + minutes * MINUTE - NOW.getTime()).toBeGreaterThan(240 * MINUTE);
          // The number in the error is the truth: that many minutes can be added.
          const maxAddable = Number(error.details.maxAddableMinutes);
          expect(maxAddable).toBeLessThan(minutes);
          if (maxAddable >= 5) expect(() => extendBoost(current, maxAddable, NOW)).not.toThrow();
          if (maxAddable + 1 >= 5)
            expect(() => extendBoost(current, maxAddable + 1, NOW)).toThrow();
        }
      }),
    );
  });
});
