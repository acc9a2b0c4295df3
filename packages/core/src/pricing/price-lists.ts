import { DomainError, DomainErrorCode } from "../errors.ts";
import { getCurrency } from "../money/currencies.ts";
import { getRegionRules, RATE_CARD } from "../rate-card/current.ts";
import type { CoinPack, PriceList, RateCard } from "../rate-card/rate-card.ts";

/** The price list in a currency (e.g. "EUR"); throws `UNSUPPORTED_CURRENCY` for others. */
export function getPriceList(currency: string, rateCard: RateCard = RATE_CARD): PriceList {
  return rateCard.priceLists[getCurrency(currency).code];
}

/** The price list a buyer in `region` (ISO 3166-1 alpha-2) sees. */
export function getPriceListForRegion(region: string, rateCard: RateCard = RATE_CARD): PriceList {
  return rateCard.priceLists[getRegionRules(region, rateCard).currency];
}

/** A pack by id; throws `UNKNOWN_PACK` when the list has no such pack. */
export function findPack(priceList: PriceList, packId: string): CoinPack {
  const pack = priceList.packs.find((candidate) => candidate.id === packId);
  if (!pack) {
    throw new DomainError(
      DomainErrorCode.UNKNOWN_PACK,
      `There is no coin pack "${packId}". Choose one of: ${priceList.packs.map((p) => p.id).join(", ")}.`,
      { packId },
    );
  }
  return pack;
}
