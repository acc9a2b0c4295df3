import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { Promotion } from "./promotions.ts";
import { listStoreOffers, quotePurchase } from "./quote-purchase.ts";

const NOW = new Date("2026-12-01T12:00:00Z");
const weekend: Promotion = {
  id: "weekend",
  bonusBps: 1_500,
  startsAt: new Date("2026-12-01T00:00:00Z"),
  endsAt: new Date("2026-12-03T00:00:00Z"),
  packIds: ["coins-5000"],
  regions: ["BR"],
};

describe("quotePurchase", () => {
  it("quotes a pack in the buyer's regional currency when the region is Germany", () => {
    const quote = quotePurchase({
      item: { packId: "coins-500" },
      region: "DE",
      purchaseCount: 2,
      now: NOW,
      promotions: [],
    });
    expect(quote).toMatchObject({
      packId: "coins-500",
      currency: "EUR",
      priceMinor: 899,
      priceLabel: "€8.99",
      totalCoins: 500,
      rateCardVersion: RATE_CARD.version,
    });
  });

  it("quotes a custom amount with the first-purchase bonus when the buyer is new", () => {
    const quote = quotePurchase({
      item: { customCoins: 750 },
      region: "US",
      purchaseCount: 0,
      now: NOW,
      promotions: [],
    });
    expect(quote).toMatchObject({
      packId: null,
      priceMinor: 1_349,
      baseCoins: 750,
      bonusCoins: 75,
      totalCoins: 825,
    });
  });

  it("suggests the pack when a custom amount costs as much as a pack with more coins", () => {
    const request = { region: "US", purchaseCount: 1, now: NOW, promotions: [] };
    const custom = quotePurchase({ ...request, item: { customCoins: 12_000 } });
    expect(custom).toMatchObject({
      priceMinor: 9_999,
      betterPack: { packId: "coins-12500", coins: 12_500 },
    });
    expect(quotePurchase({ ...request, item: { customCoins: 750 } }).betterPack).toBeNull();
    expect(quotePurchase({ ...request, item: { packId: "coins-500" } }).betterPack).toBeNull();
  });

  it("throws UNKNOWN_PACK when the pack id is not on the list", () => {
    expect(() =>
      quotePurchase({
        item: { packId: "coins-1" },
        region: "US",
        purchaseCount: 1,
        now: NOW,
        promotions: [],
      }),
    ).toThrow(expect.objectContaining({ code: DomainErrorCode.UNKNOWN_PACK }));
  });
});

describe("listStoreOffers", () => {
  it("lists every regional pack with its value and the bonus on offer when a promotion is live", () => {
    const offers = listStoreOffers({
      region: "BR",
      purchaseCount: 4,
      now: NOW,
      promotions: [weekend],
    });
    expect(offers).toHaveLength(6);
    expect(offers.every((offer) => offer.quote.currency === "BRL")).toBe(true);
    const bonuses = Object.fromEntries(
      offers.map((offer) => [offer.packId, offer.quote.bonusCoins]),
    );
    expect(bonuses).toEqual({
      "coins-100": 0,
      "coins-500": 0,
      "coins-1000": 0,
      "coins-2500": 0,
      "coins-5000": 750,
      "coins-12500": 0,
    });
  });
});
