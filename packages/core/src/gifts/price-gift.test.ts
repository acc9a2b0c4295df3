import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { listGifts } from "./list-gifts.ts";
import { priceGift } from "./price-gift.ts";

const giftId = fc.constantFrom(...listGifts().map((gift) => gift.id));
const count = fc.integer({ min: 1, max: 999 });

describe("priceGift", () => {
  it.each([
    ["rose", 1, 1, 1],
    ["crown", 3, 299, 897],
    ["fireworks", 10, 1_088, 10_880],
    ["lion", 999, 29_999, 29_969_001],
  ] as const)(
    "prices %s x%i at %i each, %i in all, when the count is in range",
    (id, n, unit, total) => {
      expect(priceGift(id, n)).toEqual({
        giftId: id,
        count: n,
        unitCoins: unit,
        coins: total,
        rateCardVersion: "2026-12-01",
      });
    },
  );

  it.each([0, 1_000, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "throws INVALID_INPUT when the count is %s",
    (n) => {
      expect(() => priceGift("rose", n)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    },
  );

  it("throws UNKNOWN_GIFT when the gift is not on the card", () => {
    expect(() => priceGift("dragon", 1)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.UNKNOWN_GIFT }),
    );
  });

  it("charges unit coins times count when given any gift and count", () => {
    fc.assert(
      fc.property(giftId, count, (id, n) => {
        const price = priceGift(id, n);
        expect(price.coins).toBe(price.unitCoins * n);
      }),
    );
  });

  it("charges strictly more when the count is larger", () => {
    fc.assert(
      fc.property(giftId, count, count, (id, a, b) => {
        fc.pre(a < b);
        expect(priceGift(id, a).coins).toBeLessThan(priceGift(id, b).coins);
      }),
    );
  });
});
