import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from "./backoff.ts";

describe("retryDelayMs", () => {
  it.each([
    [0, 1_000],
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [5, 30_000],
    [6, 30_000],
    [50, 30_000],
  ])("waits the doubled delay for attempt %i without jitter (%i ms)", (attempt, ms) => {
    expect(retryDelayMs(attempt, 0)).toBe(ms);
  });

  it("treats a negative or fractional attempt as the nearest valid one", () => {
    expect(retryDelayMs(-3, 0)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(1.7, 0)).toBe(2_000);
  });

  it("stays within 80-100% of the base delay and never above the cap when jittered", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, jitter) => {
        const base = retryDelayMs(attempt, 0);
        const delay = retryDelayMs(attempt, jitter);
        expect(delay).toBeLessThanOrEqual(Math.min(base, MAX_RETRY_MS));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
      }),
    );
  });

  it("never shrinks from one attempt to the next when the jitter is the same", () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, jitter) => {
        expect(retryDelayMs(attempt + 1, jitter)).toBeGreaterThanOrEqual(
          retryDelayMs(attempt, jitter),
        );
      }),
    );
  });
});
