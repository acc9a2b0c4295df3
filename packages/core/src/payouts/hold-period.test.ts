import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CARD_DISPUTE_DAYS,
  getGiftReleaseAt,
  getHoldReleaseAt,
  NEW_BUYER_DAYS,
  splitHeldDiamonds,
} from "./hold-period.ts";

const T0 = new Date("2026-11-01T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

describe("getHoldReleaseAt", () => {
  it("releases diamonds seven days after they are credited", () => {
    expect(getHoldReleaseAt(T0).toISOString()).toBe("2026-11-08T10:00:00.000Z");
  });
});

describe("getGiftReleaseAt", () => {
  const at = (days: number) => new Date(T0.getTime() + days * DAY);

  it.each([
    ["a viewer who never bought coins", [], 0, 7],
    ["a new buyer's gift the day after their first purchase", [-1], 0, 29],
    ["a gift paid by a purchase made on the buyer's 29th day", [-40, -11], 0, 19],
    ["a buyer whose new-buyer purchases are over 30 days old", [-45, -31], 0, 7],
    ["a buyer whose only recent purchase came after their first 30 days", [-60, -2], 0, 7],
    ["a gift made before the new buyer's later purchase (not funded by it)", [-10, 5], 0, 20],
  ] as const)("holds %s until its release day", (_label, paidDays, giftDay, releaseDay) => {
    const paid = paidDays.map(at);
    expect(getGiftReleaseAt(at(giftDay), paid)).toEqual(at(releaseDay));
  });

  it("never releases before the usual hold, nor within 30 days of a new buyer's purchase before the gift", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -90 * DAY, max: 30 * DAY }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 30 * DAY }),
        (paidOffsets, giftOffset) => {
          const paid = paidOffsets.map((offset) => new Date(T0.getTime() + offset));
          const giftAt = new Date(T0.getTime() + giftOffset);
          const releaseAt = getGiftReleaseAt(giftAt, paid).getTime();
          expect(releaseAt).toBeGreaterThanOrEqual(getHoldReleaseAt(giftAt).getTime());
          const first = Math.min(...paidOffsets.map((o) => T0.getTime() + o));
          for (const purchase of paid) {
            const isNewBuyers = purchase.getTime() < first + NEW_BUYER_DAYS * DAY;
            if (isNewBuyers && purchase <= giftAt) {
              expect(releaseAt).toBeGreaterThanOrEqual(
                purchase.getTime() + CARD_DISPUTE_DAYS * DAY,
              );
            }
          }
        },
      ),
    );
  });
});

describe("splitHeldDiamonds", () => {
  it("keeps a credit with a later release of its own held past the usual seven days", () => {
    const credits = [
      { diamonds: 10, creditedAt: T0, releaseAt: new Date(T0.getTime() + 30 * DAY) },
      { diamonds: 5, creditedAt: T0 },
    ];
    expect(splitHeldDiamonds(credits, new Date(T0.getTime() + 8 * DAY))).toEqual({
      heldDiamonds: 10,
      releasableDiamonds: 5,
      nextReleaseAt: new Date(T0.getTime() + 30 * DAY),
    });
  });

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
