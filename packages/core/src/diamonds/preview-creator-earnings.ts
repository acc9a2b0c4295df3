import { formatMoney, groupThousands } from "../money/currencies.ts";
import { multiplyChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { type CreatorShareTerms, getCreatorShareBps } from "./creator-share.ts";
import { splitGift } from "./split-gift.ts";

/** What a creator receives for a gift, shown to the viewer before they send it. */
export interface CreatorEarningsPreview {
  readonly coins: number;
  readonly shareBps: number;
  readonly diamonds: number;
  readonly platformFeeCoins: number;
  /** The diamonds' cash value at the rate card's withdrawal rate, in US cents. */
  readonly cashValueUsdMinor: number;
  /** E.g. "Creator receives 50 diamonds, about $0.50". */
  readonly label: string;
  readonly rateCardVersion: string;
}

/** Previews the creator's side of a gift or tip of `coins` under the given share terms. */
export function previewCreatorEarnings(
  coins: number,
  terms: CreatorShareTerms,
  rateCard: RateCard = RATE_CARD,
): CreatorEarningsPreview {
  const shareBps = getCreatorShareBps(terms, rateCard);
  const { diamonds, platformFeeCoins } = splitGift(coins, shareBps);
  const cashValueUsdMinor = multiplyChecked(diamonds, rateCard.payout.usdMinorPerDiamond);
  const unit = diamonds === 1 ? "diamond" : "diamonds";
  return {
    coins,
    shareBps,
    diamonds,
    platformFeeCoins,
    cashValueUsdMinor,
    label: `Creator receives ${groupThousands(diamonds)} ${unit}, about ${formatMoney(cashValueUsdMinor, "USD")}`,
    rateCardVersion: rateCard.version,
  };
}
