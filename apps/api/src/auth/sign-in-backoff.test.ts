import { describe, expect, it } from "vitest";
import { SignInBackoff } from "./sign-in-backoff.ts";

/** Fails `count` attempts at `at` ms, each let through. */
function fail(backoff: SignInBackoff, key: string, count: number, at: number) {
  for (let i = 0; i < count; i++) {
    expect(backoff.begin(key, at)).toBe(0);
    backoff.end(key, "wrong-password");
  }
}

describe("SignInBackoff", () => {
  it("lets the first failures through, then doubles the wait from 1 s up to 15 minutes", () => {
    const backoff = new SignInBackoff(5);
    fail(backoff, "a", 5, 0);
    expect(backoff.begin("a", 0)).toBe(1_000);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 12; i++) {
      now += backoff.begin("a", now); // refused: wait, then try again (and fail)
      expect(backoff.begin("a", now)).toBe(0);
      backoff.end("a", "wrong-password");
      waits.push(backoff.begin("a", now));
    }
    expect(waits).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000, 900_000,
      900_000,
    ]);
  });

  it("clears on a correct password and gives back an attempt that ended otherwise", () => {
    const backoff = new SignInBackoff(2);
    fail(backoff, "a", 1, 0);
    expect(backoff.begin("a", 0)).toBe(0);
    backoff.end("a", "other"); // e.g. an unverified email: not a guess that failed
    fail(backoff, "a", 1, 0);
    expect(backoff.begin("a", 0)).toBe(1_000);
    expect(backoff.begin("a", 1_000)).toBe(0);
    backoff.end("a", "signed-in");
    fail(backoff, "a", 2, 1_000);
    expect(backoff.begin("b", 1_000)).toBe(0); // another key is its own
  });

  it("counts attempts when they start, so a burst is cut off before any answer", () => {
    const backoff = new SignInBackoff(5);
    const started = Array.from({ length: 20 }, () => backoff.begin("a", 0));
    expect(started.filter((wait) => wait === 0)).toHaveLength(5);
  });

  it("forgets failures after a quiet day", () => {
    const backoff = new SignInBackoff(3);
    fail(backoff, "a", 3, 0);
    expect(backoff.begin("a", 60_000)).toBe(0);
    backoff.end("a", "wrong-password");
    expect(backoff.begin("a", 60_000)).toBe(2_000);
    expect(backoff.begin("a", 60_000 + 24 * 60 * 60_000)).toBe(0);
  });
});
