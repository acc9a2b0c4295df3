import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import {
  applyPromotions,
  assertValidPromotion,
  FIRST_PURCHASE_BONUS,
  firstPurchasePromotion,
  isPromotionActive,
  MAX_PROMOTION_BONUS_COINS,
  type Promotion,
  type PromotionContext,
  promotionBonusCoins,
  promotionIneligibility,
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

describe("promotion kinds and conditions", () => {
  it("adds a fixed bonus whatever the coins when the promotion is fixed", () => {
    const fixed = promotion({ id: "fixed", bonusBps: undefined, bonusCoins: 75 });
    expect(applyPromotions(context({ coins: 100, promotions: [fixed] })).applied).toEqual([
      { source: "fixed", bonusCoins: 75 },
    ]);
  });

  it("caps a percent bonus at its maximum coins when one is set", () => {
    const capped = promotion({ bonusBps: 5_000, maxBonusCoins: 300 });
    expect(applyPromotions(context({ coins: 1_000, promotions: [capped] })).bonusCoins).toBe(300);
    expect(applyPromotions(context({ coins: 500, promotions: [capped] })).bonusCoins).toBe(250);
  });

  it("skips a promotion whose per-account limit the buyer has reached", () => {
    const limited = promotion({ perAccountLimit: 2 });
    const used = (n: number) =>
      applyPromotions(context({ promotions: [limited], redemptions: { winter: n } })).bonusCoins;
    expect(used(1)).toBe(200);
    expect(used(2)).toBe(0);
  });

  it("offers a first-purchase-only promotion to a new buyer only, stacked on a sale", () => {
    const welcome = promotion({ id: "br-welcome", bonusBps: 3_000, firstPurchaseOnly: true });
    const sale = promotion({ id: "sale", bonusBps: 1_000 });
    expect(
      applyPromotions(context({ purchaseCount: 0, promotions: [sale, welcome] })).applied,
    ).toEqual([
      { source: "sale", bonusCoins: 100 },
      { source: "br-welcome", bonusCoins: 300 },
    ]);
    expect(
      applyPromotions(context({ purchaseCount: 1, promotions: [sale, welcome] })).applied,
    ).toEqual([{ source: "sale", bonusCoins: 100 }]);
  });

  it("uses a stored first-purchase promotion instead of the rate card's, and none once it ended", () => {
    const stored = { ...firstPurchasePromotion(), bonusBps: 2_000 };
    expect(applyPromotions(context({ purchaseCount: 0, promotions: [stored] })).bonusCoins).toBe(
      200,
    );
    const ended = { ...stored, endsAt: new Date("2026-11-01T00:00:00Z") };
    expect(applyPromotions(context({ purchaseCount: 0, promotions: [ended] })).bonusCoins).toBe(0);
  });

  it.each([
    ["both a percent and a fixed bonus", { bonusBps: 100, bonusCoins: 5 }],
    ["a fixed bonus of 0", { bonusBps: undefined, bonusCoins: 0 }],
    ["a cap of 0", { maxBonusCoins: 0 }],
    ["a per-account limit of 0", { perAccountLimit: 0 }],
    ["a fractional per-account limit", { perAccountLimit: 1.5 }],
  ])("throws INVALID_INPUT when a promotion has %s", (_label, overrides) => {
    expect(() => assertValidPromotion(promotion(overrides))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("explains why a promotion does not apply", () => {
    const p = promotion({ packIds: ["coins-500"], regions: ["BR"], firstPurchaseOnly: true });
    const facts = { packId: "coins-500", region: "BR", now: NOW, purchaseCount: 0 };
    expect(promotionIneligibility(p, facts)).toBeNull();
    expect(promotionIneligibility(p, { ...facts, now: new Date("2026-12-03T00:00:00Z") })).toBe(
      "ENDED",
    );
    expect(promotionIneligibility(p, { ...facts, packId: null })).toBe("OTHER_PACK");
    expect(promotionIneligibility(p, { ...facts, region: "US" })).toBe("OTHER_REGION");
    expect(promotionIneligibility(p, { ...facts, purchaseCount: 2 })).toBe("NOT_FIRST_PURCHASE");
  });
});

const arbitraryPromotion: fc.Arbitrary<Promotion> = fc
  .record({
    percent: fc.boolean(),
    bonusBps: fc.integer({ min: 1, max: 10_000 }),
    bonusCoins: fc.integer({ min: 1, max: MAX_PROMOTION_BONUS_COINS }),
    cap: fc.option(fc.integer({ min: 1, max: 100_000 })),
    firstPurchaseOnly: fc.boolean(),
    perAccountLimit: fc.option(fc.integer({ min: 1, max: 5 })),
  })
  .map(
    ({ percent, bonusBps, bonusCoins, cap, firstPurchaseOnly, perAccountLimit }): Promotion => ({
      ...promotion({ firstPurchaseOnly, perAccountLimit }),
      ...(percent ? { bonusBps, maxBonusCoins: cap } : { bonusBps: undefined, bonusCoins }),
    }),
  );

describe("promotionBonusCoins", () => {
  it("is a non-negative integer never above the promotion's cap or its percentage", () => {
    fc.assert(
      fc.property(arbitraryPromotion, fc.integer({ min: 1, max: 10_000_000 }), (p, coins) => {
        const bonus = promotionBonusCoins(p, coins);
        expect(Number.isSafeInteger(bonus) && bonus >= 0).toBe(true);
        if (p.bonusBps === undefined) {
          expect(bonus).toBe(p.bonusCoins);
        } else {
          expect(bonus).toBeLessThanOrEqual(Math.floor((coins * p.bonusBps) / 10_000));
          if (p.maxBonusCoins != null) expect(bonus).toBeLessThanOrEqual(p.maxBonusCoins);
        }
      }),
    );
  });

  it("never falls when the buyer buys more coins or the percentage rises", () => {
    fc.assert(
      fc.property(
        arbitraryPromotion,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.nat(1_000_000),
        fc.nat(10_000),
        (p, coins, more, moreBps) => {
          expect(promotionBonusCoins(p, coins + more)).toBeGreaterThanOrEqual(
            promotionBonusCoins(p, coins),
          );
          if (p.bonusBps !== undefined) {
            const richer = { ...p, bonusBps: Math.min(10_000, p.bonusBps + moreBps) };
            expect(promotionBonusCoins(richer, coins)).toBeGreaterThanOrEqual(
              promotionBonusCoins(p, coins),
            );
          }
        },
      ),
    );
  });
});

describe("applyPromotions over a buyer's purchases", () => {
  it("never grants a promotion more often than its per-account limit, nor a welcome twice", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPromotion, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 12 }),
        (drawn, purchases) => {
          const promotions = drawn.map((p, i) => ({ ...p, id: `p${i}` }));
          const redemptions: Record<string, number> = {};
          purchases.forEach((coins, purchaseCount) => {
            const result = applyPromotions(
              context({ coins, purchaseCount, promotions, redemptions }),
            );
            expect(result.bonusCoins).toBeGreaterThanOrEqual(0);
            expect(result.totalCoins).toBe(coins + result.bonusCoins);
            for (const { source } of result.applied) {
              redemptions[source] = (redemptions[source] ?? 0) + 1;
            }
          });
          for (const p of promotions) {
            const used = redemptions[p.id] ?? 0;
            if (p.perAccountLimit != null) expect(used).toBeLessThanOrEqual(p.perAccountLimit);
            if (p.firstPurchaseOnly) expect(used).toBeLessThanOrEqual(1);
          }
          expect(redemptions[FIRST_PURCHASE_BONUS] ?? 0).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
