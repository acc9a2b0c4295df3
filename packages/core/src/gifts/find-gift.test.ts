import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { findGift } from "./find-gift.ts";

describe("findGift", () => {
  it.each([
    ["rose", 1, "basic"],
    ["crown", 299, "premium"],
    ["lion", 29_999, "legendary"],
  ] as const)("returns %s at %i coins (%s) when the id is on the card", (giftId, coins, tier) => {
    expect(findGift(giftId)).toMatchObject({ id: giftId, coins, tier });
  });

  it.each(["dragon", "Rose", " rose", ""])(
    "throws UNKNOWN_GIFT naming the id when given %j",
    (giftId) => {
      expect(() => findGift(giftId)).toThrow(
        expect.objectContaining({
          code: DomainErrorCode.UNKNOWN_GIFT,
          message: expect.stringContaining(`"${giftId}"`),
          details: expect.objectContaining({ giftId, rateCardVersion: "2026-12-01" }),
        }),
      );
    },
  );

  it("points at gifts.catalog, the list a client can read, when the id is unknown", () => {
    expect(() => findGift("dragon")).toThrow(
      expect.objectContaining({
        message: expect.stringContaining("gifts.catalog"),
      }),
    );
  });
});
