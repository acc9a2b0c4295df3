import { type CurrencyCode, formatMoney } from "../money/currencies.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { PriceList, RateCard } from "../rate-card/rate-card.ts";
import { describePackValues, type PackValue } from "./describe-pack-values.ts";
import { priceCustomAmount } from "./price-custom-amount.ts";
import { findPack, getPriceListForRegion } from "./price-lists.ts";
import { type AppliedBonus, applyPromotions, type PromotionContext } from "./promotions.ts";

/** What the buyer asks for: a pack of their region's list, or a custom number of coins. */
export type PurchaseItem = { readonly packId: string } | { readonly customCoins: number };

/** The item, and the buyer's facts the promotions are judged on (see `PromotionContext`). */
export interface PurchaseRequest extends Omit<PromotionContext, "coins" | "packId"> {
  readonly item: PurchaseItem;
}

/** Everything checkout needs to charge and later mint: the price and the coins it buys. */
export interface PurchaseQuote {
  readonly packId: string | null;
  readonly currency: CurrencyCode;
  readonly priceMinor: number;
  /** E.g. "$8.99". */
  readonly priceLabel: string;
  readonly baseCoins: number;
  readonly bonusCoins: number;
  /** Coins minted when the payment succeeds. */
  readonly totalCoins: number;
  readonly applied: readonly AppliedBonus[];
  /** For a custom amount, a pack with more coins that costs no more (checkout suggests it). */
  readonly betterPack: { readonly packId: string; readonly coins: number } | null;
  readonly rateCardVersion: string;
}

/**
 * Quotes a purchase in the buyer's regional price list, bonuses included. The quote is what the
 * payment is created for; the coins minted on success are `totalCoins`.
 */
export function quotePurchase(
  request: PurchaseRequest,
  rateCard: RateCard = RATE_CARD,
): PurchaseQuote {
  const { item, ...buyer } = request;
  const priceList = getPriceListForRegion(buyer.region, rateCard);
  const { packId, coins, priceMinor, betterPack } = priceItem(item, priceList, rateCard);
  const bonus = applyPromotions({ ...buyer, coins, packId }, rateCard);
  return {
    packId,
    currency: priceList.currency,
    priceMinor,
    priceLabel: formatMoney(priceMinor, priceList.currency),
    baseCoins: bonus.baseCoins,
    bonusCoins: bonus.bonusCoins,
    totalCoins: bonus.totalCoins,
    applied: bonus.applied,
    betterPack,
    rateCardVersion: rateCard.version,
  };
}

function priceItem(
  item: PurchaseItem,
  priceList: PriceList,
  rateCard: RateCard,
): Pick<PurchaseQuote, "packId" | "priceMinor" | "betterPack"> & { coins: number } {
  if ("packId" in item) {
    const pack = findPack(priceList, item.packId);
    return { packId: pack.id, coins: pack.coins, priceMinor: pack.priceMinor, betterPack: null };
  }
  const custom = priceCustomAmount(item.customCoins, priceList.currency, rateCard);
  const better = custom.betterPack;
  return {
    packId: null,
    coins: custom.coins,
    priceMinor: custom.priceMinor,
    betterPack: better && { packId: better.id, coins: better.coins },
  };
}

/** A pack as the store shows it: price, value per coin and any bonus on offer right now. */
export interface StoreOffer extends PackValue {
  readonly quote: PurchaseQuote;
}

/** The store for a buyer: every pack of their region's list with value and live bonuses. */
export function listStoreOffers(
  request: Omit<PurchaseRequest, "item">,
  rateCard: RateCard = RATE_CARD,
): StoreOffer[] {
  const priceList = getPriceListForRegion(request.region, rateCard);
  return describePackValues(priceList).map((value) => ({
    ...value,
    quote: quotePurchase({ ...request, item: { packId: value.packId } }, rateCard),
  }));
}
