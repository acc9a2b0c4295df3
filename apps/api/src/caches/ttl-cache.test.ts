import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache.ts";

describe("TtlCache", () => {
  it("forgets an entry at its TTL or its own expiry, whichever is sooner", () => {
    const cache = new TtlCache<string>(1_000);
    cache.set("a", "A", { tag: null, epoch: cache.epoch, nowMs: 0 });
    cache.set("b", "B", { tag: null, epoch: cache.epoch, nowMs: 0, expiresAt: 300 });
    expect([cache.get("a", 999), cache.get("b", 299)]).toEqual(["A", "B"]);
    expect([cache.get("a", 1_000), cache.get("b", 300)]).toEqual([undefined, undefined]);
  });

  it("does not store an answer read before an invalidation when the invalidation came first", () => {
    const cache = new TtlCache<string>(60_000);
    const epoch = cache.epoch;
    cache.dropTag("user-1");
    cache.set("k", "stale", { tag: "user-1", epoch, nowMs: 0 });
    expect(cache.get("k", 1)).toBeUndefined();
  });

  it("drops every entry of a tag and nothing else", () => {
    const cache = new TtlCache<string>(60_000);
    for (const [key, tag] of [
      ["1", "u"],
      ["2", "u"],
      ["3", "v"],
    ] as const) {
      cache.set(key, key, { tag, epoch: cache.epoch, nowMs: 0 });
    }
    cache.dropTag("u");
    expect(["1", "2", "3"].map((key) => cache.get(key, 1))).toEqual([undefined, undefined, "3"]);
  });

  it("keeps at most maxEntries, dropping the oldest", () => {
    const cache = new TtlCache<number>(60_000, 2);
    for (const n of [1, 2, 3]) cache.set(String(n), n, { tag: "t", epoch: cache.epoch, nowMs: 0 });
    expect(cache.size).toBe(2);
    expect(cache.get("1", 1)).toBeUndefined();
  });
});
