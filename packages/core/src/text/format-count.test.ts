import { describe, expect, it } from "vitest";
import { formatCount } from "./format-count.ts";

describe("formatCount", () => {
  it.each([
    [1, "coin", "1 coin"],
    [1n, "coin", "1 coin"],
    [0, "coin", "0 coins"],
    [2, "coin", "2 coins"],
    [1_500, "diamond", "1,500 diamonds"],
    [12_000_000n, "coin", "12,000,000 coins"],
  ] as const)("says %s %s as %j", (count, noun, expected) => {
    expect(formatCount(count, noun)).toBe(expected);
  });

  it("takes an irregular plural", () => {
    expect(formatCount(3, "person", "people")).toBe("3 people");
  });
});
