import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import {
  applyPromotions,
  FIRST_PURCHASE_BONUS,
  isPromotionActive,
  type Promotion,
  type PromotionContext,
} from "./promotions.ts";

const NOW = new Date("2026-12-01T12:00:00Z");

function promotion(overrides: Partial<Promotion> = {}): Promotion {
  return {
    id: "winter",
    bonusBps: 2_000,
    startsAt: new Date("2026-12-01T00:00:00Z"),
    endsAt: new Date("2026-12-02T00:00:00Z"),
    packIds: "all",
    regions: "all",
    ...overrides,
  };
}

function context(overrides: Partial<PromotionContext> = {}): PromotionContext {
  return {
    coins: 1_000,
    packId: "coins-1000",
    region: "US",
    purchaseCount: 3,
    now: NOW,
    promotions: [],
    ...overrides,
  };
}

describe("isPromotionActive", () => {
  it.each([
    ["before the start", { now: new Date("2026-11-30T23:59:59.999Z") }, false],
    ["at the start", { now: new Date("2026-12-01T00:00:00Z") }, true],
    ["at the end", { now: new Date("2026-12-02T00:00:00Z") }, false],
    ["for another region", { region: "DE" }, true],
  ] as const)("is %s -> %s", (_label, overrides, expected) => {
    expect(isPromotionActive(promotion(), { ...context(), ...overrides })).toBe(expected);
  });

  it("covers only the listed packs and never custom amounts when packs are listed", () => {
    const listed = promotion({ packIds: ["coins-500"] });
    expect(isPromotionActive(listed, context({ packId: "coins-500" }))).toBe(true);
    expect(isPromotionActive(listed, context({ packId: "coins-1000" }))).toBe(false);
    expect(isPromotionActive(listed, context({ packId: null }))).toBe(false);
    expect(isPromotionActive(promotion(), context({ packId: null }))).toBe(true);
  });

  it("covers only the listed regions, case-insensitively, when regions are listed", () => {
    const listed = promotion({ regions: ["BR"] });
    expect(isPromotionActive(listed, context({ region: "br" }))).toBe(true);
    expect(isPromotionActive(listed, context({ region: "US" }))).toBe(false);
  });
});

describe("applyPromotions", () => {
  it("adds nothing when no promotion applies and it is not the first purchase", () => {
    expect(applyPromotions(context())).toEqual({
      baseCoins: 1_000,
      bonusCoins: 0,
      totalCoins: 1_000,
      applied: [],
    });
  });

  it("applies the single best time-boxed promotion when several are live", () => {
    const result = applyPromotions(
      context({
        promotions: [
          promotion({ id: "small", bonusBps: 500 }),
          promotion({ id: "big", bonusBps: 2_500 }),
        ],
      }),
    );
    expect(result.applied).toEqual([{ source: "big", bonusCoins: 250 }]);
    expect(result.totalCoins).toBe(1_250);
  });

  it("stacks the first-purchase bonus on a promotion when the buyer has never bought", () => {
    const result = applyPromotions(context({ purchaseCount: 0, promotions: [promotion()] }));
    expect(result.applied).toEqual([
      { source: "winter", bonusCoins: 200 },
      { source: FIRST_PURCHASE_BONUS, bonusCoins: 100 },
    ]);
    expect(result.totalCoins).toBe(1_300);
  });

  it("rounds bonuses down when they are fractional", () => {
    expect(applyPromotions(context({ coins: 101, purchaseCount: 0 })).bonusCoins).toBe(10);
  });

  it.each([
    ["a zero bonus", { bonusBps: 0 }],
    ["a bonus over 100%", { bonusBps: 10_001 }],
    ["an end before the start", { endsAt: new Date("2026-11-01T00:00:00Z") }],
  ])("throws INVALID_INPUT when a promotion has %s", (_label, overrides) => {
    expect(() => applyPromotions(context({ promotions: [promotion(overrides)] }))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("keeps total = base + bonus and the bonus within the promised percentages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 250_000 }),
        fc.nat(5),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }),
        (coins, purchaseCount, bonuses) => {
          const promotions = bonuses.map((bonusBps, i) => promotion({ id: `p${i}`, bonusBps }));
          const result = applyPromotions(context({ coins, purchaseCount, promotions }));
          const best = Math.max(0, ...bonuses);
          const first = purchaseCount === 0 ? 1_000 : 0;
          expect(result.totalCoins).toBe(result.baseCoins + result.bonusCoins);
          expect(result.bonusCoins).toBeLessThanOrEqual(
            Math.floor((coins * (best + first)) / 10_000),
          );
          expect(result.bonusCoins).toBeGreaterThanOrEqual(
            Math.floor((coins * best) / 10_000) + Math.floor((coins * first) / 10_000),
          );
        },
      ),
    );
  });
});
