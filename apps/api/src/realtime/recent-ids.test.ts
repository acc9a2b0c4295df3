import { describe, expect, it } from "vitest";
import { RecentIds } from "./recent-ids.ts";

describe("RecentIds", () => {
  it("recognises an id seen before and forgets the oldest beyond its capacity", () => {
    const recent = new RecentIds(3);
    expect(["1", "2", "3"].map((id) => recent.add(id))).toEqual([true, true, true]);
    expect(recent.add("2")).toBe(false);
    expect(recent.add("4")).toBe(true);
    expect([recent.has("1"), recent.has("2"), recent.has("4")]).toEqual([false, true, true]);
    expect(recent.add("1")).toBe(true);
    expect(recent.has("2")).toBe(false);
  });
});
