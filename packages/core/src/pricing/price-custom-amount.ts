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
  /** The largest pack not above `coins`: its per-coin rate sets the price (before the cap). */
  readonly ratePackId: string;
  /**
   * A pack with more coins that costs no more, when one exists (the cheapest such): the
   * checkout suggests it, since the custom amount was capped at its price or it gives more.
   */
  readonly betterPack: CoinPack | null;
  readonly rateCardVersion: string;
}

/**
 * Prices a custom amount (any whole number of coins in the card's custom range, 100 to
 * 250,000): `coins` at the per-coin rate of the largest pack not above it, rounded up to the
 * currency's minor unit, but never more than the cheapest pack with at least as many coins.
 *
 * So, for every price list: a pack's size costs exactly the pack; a custom amount never costs
 * more per coin than any pack at or below it (within the one minor unit of rounding), never more
 * than any pack at or above it, and never less per coin than a pack at or above it; and the
 * price never falls as the amount grows (the rate drops at each pack, but the cap reaches that
 * pack's price first). Throws `INVALID_INPUT` outside the range.
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
  const capPack = cheapestPack(priceList.packs.filter((pack) => pack.coins >= coins));
  const atRate = mulDivCeil(coins, ratePack.priceMinor, ratePack.coins);
  const priceMinor = capPack && capPack.priceMinor < atRate ? capPack.priceMinor : atRate;
  return {
    coins,
    priceMinor,
    currency: priceList.currency,
    ratePackId: ratePack.id,
    betterPack: cheapestPack(
      priceList.packs.filter((pack) => pack.coins > coins && pack.priceMinor <= priceMinor),
    ),
    rateCardVersion: rateCard.version,
  };
}

/** The lowest-priced pack (the smallest on a tie), or null for none. */
function cheapestPack(packs: readonly CoinPack[]): CoinPack | null {
  return packs.reduce<CoinPack | null>(
    (best, pack) =>
      best === null ||
      pack.priceMinor < best.priceMinor ||
      (pack.priceMinor === best.priceMinor && pack.coins < best.coins)
        ? pack
        : best,
    null,
  );
}
