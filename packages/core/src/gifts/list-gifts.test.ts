import { describe, expect, it } from "vitest";
import { RATE_CARD } from "../rate-card/current.ts";
import type { GiftTier, RateCard } from "../rate-card/rate-card.ts";
import { listGifts } from "./list-gifts.ts";

// The tier bands the catalog is held to: a tier is a price band, never a free label.
function tierForCoins(coins: number): GiftTier {
  if (coins >= 5_000) return "legendary";
  if (coins >= 500) return "deluxe";
  if (coins >= 100) return "premium";
  return "basic";
}

describe("listGifts", () => {
  const gifts = listGifts();

  it("lists at least 12 gifts from a 1-coin rose to a 29,999-coin lion when given the current card", () => {
    expect(gifts.length).toBeGreaterThanOrEqual(12);
    expect(gifts[0]).toMatchObject({ id: "rose", coins: 1 });
    expect(gifts.at(-1)).toMatchObject({ id: "lion", coins: 29_999 });
  });

  it("gives every gift a unique id when given the current card", () => {
    expect(new Set(gifts.map((gift) => gift.id)).size).toBe(gifts.length);
  });

  it("sorts gifts by coins strictly ascending when given the current card", () => {
    for (const [index, gift] of gifts.entries()) {
      if (index > 0) expect(gift.coins).toBeGreaterThan(gifts[index - 1]?.coins ?? 0);
    }
  });

  it.each(gifts.map((gift) => [gift.id, gift.coins, gift.tier] as const))(
    "prices %s at a whole %i coins inside the %s tier band when checked against the bands",
    (_id, coins, tier) => {
      expect(Number.isSafeInteger(coins) && coins > 0).toBe(true);
      expect(tier).toBe(tierForCoins(coins));
    },
  );

  it.each([
    [99, "basic"],
    [100, "premium"],
    [499, "premium"],
    [500, "deluxe"],
    [4_999, "deluxe"],
    [5_000, "legendary"],
  ] as const)("puts %i coins in the %s band when at a band edge", (coins, tier) => {
    expect(tierForCoins(coins)).toBe(tier);
  });

  it("lists the given card's gifts when a card is passed", () => {
    const card: RateCard = {
      ...RATE_CARD,
      gifts: [{ id: "kiss", name: "Kiss", coins: 2, tier: "basic", animation: "float" }],
    };
    expect(listGifts(card).map((gift) => gift.id)).toEqual(["kiss"]);
  });
});
