import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { type OfferedBonus, settlePromotionBonuses } from "./settle-promotion-bonuses.ts";

const offer = (overrides: Partial<OfferedBonus> = {}): OfferedBonus => ({
  promotionId: "winter",
  bonusCoins: 200,
  firstPurchaseOnly: false,
  perAccountLimit: null,
  ...overrides,
});

describe("settlePromotionBonuses", () => {
  it("keeps what was offered when the limit is not reached", () => {
    expect(
      settlePromotionBonuses([offer({ perAccountLimit: 2 })], {
        isFirstPurchase: false,
        redemptions: { winter: 1 },
      }),
    ).toEqual([{ promotionId: "winter", bonusCoins: 200, refusal: null }]);
  });

  it("refuses a promotion whose limit another purchase reached since checkout", () => {
    expect(
      settlePromotionBonuses([offer({ perAccountLimit: 1 })], {
        isFirstPurchase: false,
        redemptions: { winter: 1 },
      }),
    ).toEqual([{ promotionId: "winter", bonusCoins: 0, refusal: "LIMIT_REACHED" }]);
  });

  it("refuses a first-purchase promotion and keeps the sale when another purchase completed first", () => {
    const settled = settlePromotionBonuses(
      [offer(), offer({ promotionId: "first-purchase", bonusCoins: 50, firstPurchaseOnly: true })],
      { isFirstPurchase: false, redemptions: {} },
    );
    expect(settled.map((s) => s.bonusCoins)).toEqual([200, 0]);
    expect(settled[1]?.refusal).toBe("NOT_FIRST_PURCHASE");
  });

  it("throws INVALID_INPUT when one promotion was offered twice", () => {
    expect(() =>
      settlePromotionBonuses([offer(), offer()], { isFirstPurchase: true, redemptions: {} }),
    ).toThrow(expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }));
  });

  it("never exceeds a limit nor the offer when purchases settle in any order", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 4 })),
        fc.boolean(),
        fc.array(fc.nat(10_000), { minLength: 1, maxLength: 15 }),
        (perAccountLimit, firstPurchaseOnly, offers) => {
          const redemptions: Record<string, number> = {};
          let completed = 0;
          for (const bonusCoins of offers) {
            const [settled] = settlePromotionBonuses(
              [offer({ bonusCoins, perAccountLimit, firstPurchaseOnly })],
              { isFirstPurchase: completed === 0, redemptions: { ...redemptions } },
            );
            expect(settled?.bonusCoins).toBeGreaterThanOrEqual(0);
            expect(settled?.bonusCoins).toBeLessThanOrEqual(bonusCoins);
            if (settled?.refusal === null) redemptions.winter = (redemptions.winter ?? 0) + 1;
            completed++;
          }
          const used = redemptions.winter ?? 0;
          if (perAccountLimit !== null) expect(used).toBeLessThanOrEqual(perAccountLimit);
          if (firstPurchaseOnly) expect(used).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
