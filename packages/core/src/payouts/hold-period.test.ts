import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getHoldReleaseAt, splitHeldDiamonds } from "./hold-period.ts";

const T0 = new Date("2026-11-01T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

describe("getHoldReleaseAt", () => {
  it("releases diamonds seven days after they are credited", () => {
    expect(getHoldReleaseAt(T0).toISOString()).toBe("2026-11-08T10:00:00.000Z");
  });
});

describe("splitHeldDiamonds", () => {
  it("holds credits younger than seven days and releases older ones", () => {
    const credits = [
      { diamonds: 100, creditedAt: T0 },
      { diamonds: 50, creditedAt: new Date(T0.getTime() + 2 * DAY) },
      { diamonds: 25, creditedAt: new Date(T0.getTime() + 3 * DAY) },
    ];
    expect(splitHeldDiamonds(credits, new Date(T0.getTime() + 7 * DAY))).toEqual({
      heldDiamonds: 75,
      releasableDiamonds: 100,
      nextReleaseAt: new Date(T0.getTime() + 9 * DAY),
    });
  });

  it("reports no next release when nothing is held", () => {
    expect(splitHeldDiamonds([], T0)).toEqual({
      heldDiamonds: 0,
      releasableDiamonds: 0,
      nextReleaseAt: null,
    });
  });

  it("conserves diamonds and only ever releases more as time passes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ diamonds: fc.nat(1_000_000), offsetMs: fc.nat(30 * DAY) })),
        fc.nat(30 * DAY),
        fc.nat(30 * DAY),
        (rows, a, b) => {
          const credits = rows.map((row) => ({
            diamonds: row.diamonds,
            creditedAt: new Date(T0.getTime() + row.offsetMs),
          }));
          const total = rows.reduce((sum, row) => sum + row.diamonds, 0);
          const early = splitHeldDiamonds(credits, new Date(T0.getTime() + Math.min(a, b)));
          const late = splitHeldDiamonds(credits, new Date(T0.getTime() + Math.max(a, b)));
          expect(early.heldDiamonds + early.releasableDiamonds).toBe(total);
          expect(late.releasableDiamonds).toBeGreaterThanOrEqual(early.releasableDiamonds);
        },
      ),
    );
  });
});
