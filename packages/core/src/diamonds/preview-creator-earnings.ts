import { formatMoney, groupThousands } from "../money/currencies.ts";
import { multiplyChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { formatCount } from "../text/format-count.ts";
import { formatExactDiamonds, splitCarriedGift } from "./carry-share.ts";
import { type CreatorShareTerms, getCreatorShareBps } from "./creator-share.ts";

/** What a creator receives for a gift, shown to the viewer before they send it. */
export interface CreatorEarningsPreview {
  readonly coins: number;
  readonly shareBps: number;
  /** Whole diamonds this gift credits now, counting the fraction the creator already carries. */
  readonly diamonds: number;
  /** The gift's exact share in diamonds, as a decimal ("2.5"): what it adds over time. */
  readonly exactDiamonds: string;
  readonly platformFeeCoins: number;
  /** The diamonds' cash value at the rate card's withdrawal rate, in US cents. */
  readonly cashValueUsdMinor: number;
  /** E.g. "Creator receives 50 diamonds, about $0.50". */
  readonly label: string;
  readonly rateCardVersion: string;
}

/**
 * Previews the creator's side of a gift or tip of `coins` under the given share terms, when the
 * creator's carry lane already counts `carriedCoins` at that share (0 when unknown): the whole
 * diamonds it credits now (`splitCarriedGift`) and its exact share, whose fraction carries over.
 */
export function previewCreatorEarnings(
  coins: number,
  terms: CreatorShareTerms,
  rateCard: RateCard = RATE_CARD,
  carriedCoins = 0n,
): CreatorEarningsPreview {
  const shareBps = getCreatorShareBps(terms, rateCard);
  const { diamonds, platformFeeCoins } = splitCarriedGift(carriedCoins, coins, shareBps);
  const cashValueUsdMinor = multiplyChecked(diamonds, rateCard.payout.usdMinorPerDiamond);
  const exactDiamonds = formatExactDiamonds(coins, shareBps);
  const cash = cashValueUsdMinor > 0 ? `, about ${formatMoney(cashValueUsdMinor, "USD")}` : "";
  const label =
    exactDiamonds === String(diamonds)
      ? `Creator receives ${formatCount(diamonds, "diamond")}${cash}`
      : `Creator receives ${groupDecimal(exactDiamonds)} diamonds${cash} (${groupThousands(diamonds)} now; fractions add up over their gifts)`;
  return {
    coins,
    shareBps,
    diamonds,
    exactDiamonds,
    platformFeeCoins,
    cashValueUsdMinor,
    label,
    rateCardVersion: rateCard.version,
  };
}

/** "17999.4" -> "17,999.4": thousands grouped in the whole part only. */
function groupDecimal(decimal: string): string {
  const [whole = "", fraction] = decimal.split(".");
  return fraction === undefined ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
}
