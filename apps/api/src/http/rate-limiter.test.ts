import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.ts";

describe("RateLimiter", () => {
  it("allows the limit within a window, refuses the next with the wait, and resets after the window", () => {
    const limiter = new RateLimiter(3, 1_000);
    expect([limiter.hit("a", 0), limiter.hit("a", 10), limiter.hit("a", 20)]).toEqual([0, 0, 0]);
    expect(limiter.hit("a", 400)).toBe(600);
    expect(limiter.hit("b", 400)).toBe(0);
    expect(limiter.hit("a", 1_000)).toBe(0);
  });
});
