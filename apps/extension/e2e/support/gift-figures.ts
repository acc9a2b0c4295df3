import { findGift, formatExactDiamonds, getCreatorShareBps, splitGift } from "@coinstream/core";

/**
 * What the rulebook says one gift to a standard-tier creator is worth; the product must show
 * exactly these: the gift, the creator's whole diamonds and the exact share the panel's preview
 * shows ("2.5" for a Heart at 50%).
 */
export function giftFigures(giftId: string) {
  const gift = findGift(giftId);
  const shareBps = getCreatorShareBps({ tier: "standard" });
  return {
    gift,
    diamonds: splitGift(gift.coins, shareBps).diamonds,
    exactDiamonds: formatExactDiamonds(gift.coins, shareBps),
  };
}
