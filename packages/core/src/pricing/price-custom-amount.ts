import { DomainError, DomainErrorCode } from "../errors.ts";
import { assertIntegerInRange, mulDivCeil } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { CoinPack, PriceList, RateCard } from "../rate-card/rate-card.ts";
import { getPriceList } from "./price-lists.ts";

/** The price of a custom coin amount, and the pack whose per-coin rate priced it. */
export interface CustomAmountPrice {
  readonly coins: number;
  readonly priceMinor: number;
  readonly currency: PriceList["currency"];
  /** The largest pack not above `coins`: its per-coin rate sets the price. */
  readonly ratePackId: string;
  /**
   * A pack with at least as many coins that costs no more, when one exists: buyers should be
   * told, since packs jump in value (12,500 coins cost less than 12,499 custom coins).
   */
  readonly betterPack: CoinPack | null;
  readonly rateCardVersion: string;
}

/**
 * Prices a custom amount (any whole number of coins in the card's custom range, 100 to
 * 250,000) at the per-coin rate of the largest pack not above it, rounded up to the currency's
 * minor unit. Throws `INVALID_INPUT` outside the range.
 */
export function priceCustomAmount(
  coins: number,
  currency: string,
  rateCard: RateCard = RATE_CARD,
): CustomAmountPrice {
  const { minCoins, maxCoins } = rateCard.customAmount;
  assertIntegerInRange(coins, minCoins, maxCoins, "A custom coin amount");
  const priceList = getPriceList(currency, rateCard);
  const ratePack = priceList.packs.findLast((pack) => pack.coins <= coins);
  if (!ratePack) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Custom amounts start at ${priceList.packs[0]?.coins ?? minCoins} coins.`,
      { coins },
    );
  }
  const priceMinor = mulDivCeil(coins, ratePack.priceMinor, ratePack.coins);
  const betterPack =
    priceList.packs.find((pack) => pack.coins >= coins && pack.priceMinor <= priceMinor) ?? null;
  return {
    coins,
    priceMinor,
    currency: priceList.currency,
    ratePackId: ratePack.id,
    betterPack:
      betterPack && betterPack.coins === coins && betterPack.priceMinor === priceMinor
        ? null
        : betterPack,
    rateCardVersion: rateCard.version,
  };
}
