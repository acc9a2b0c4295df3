import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  boundCursorIds,
  encodeStreamCursor,
  MAX_CURSOR_IDS,
  parseResumePoint,
} from "./stream-cursor.ts";

const cursorArbitrary = fc
  .record({
    xmin: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
    delivered: fc.uniqueArray(fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }), { maxLength: 40 }),
  })
  .map(({ xmin, delivered }) => ({
    xmin,
    delivered: [...delivered].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  }));

describe("encodeStreamCursor", () => {
  it("round-trips through parseResumePoint for any cursor", () => {
    fc.assert(
      fc.property(cursorArbitrary, (cursor) => {
        expect(parseResumePoint(encodeStreamCursor(cursor))).toEqual({ kind: "cursor", cursor });
      }),
    );
  });

  it("stays short: a few characters per listed id", () => {
    const cursor = { xmin: 812_345_678n, delivered: [9_000_001n, 9_000_004n, 9_000_010n] };
    expect(encodeStreamCursor(cursor)).toBe("c1.dfndxq.5cwg1.3.6");
  });
});

describe("parseResumePoint", () => {
  it("reads an older numeric event id as 'after this id'", () => {
    expect(parseResumePoint("42")).toEqual({ kind: "after-id", id: 42n });
  });

  it.each([
    ["", "empty"],
    ["c1.", "no xmin"],
    ["c1.ABC", "upper case"],
    ["c1.1.5.0", "a repeated id"],
    ["c2.1", "another version"],
    ["c1.1.-3", "a negative gap"],
    [`c1.1${".1".repeat(3_000)}`, "too long"],
  ])("refuses %j (%s)", (text) => {
    expect(parseResumePoint(text)).toBeNull();
  });
});

describe("boundCursorIds", () => {
  it("keeps the newest MAX_CURSOR_IDS ids", () => {
    const ids = Array.from({ length: MAX_CURSOR_IDS + 5 }, (_, i) => BigInt(i + 1));
    expect(boundCursorIds(ids)).toEqual(ids.slice(5));
  });
});
