import { formatMoney } from "../money/currencies.ts";
import { mulDivCeil, multiplyChecked } from "../money/integers.ts";
import type { CoinPack, PriceList } from "../rate-card/rate-card.ts";

/** What a buyer sees about a pack's value. */
export interface PackValue {
  readonly packId: string;
  readonly coins: number;
  readonly priceMinor: number;
  /** Price per coin in millionths of the currency's minor unit, rounded half up (for sorting and display). */
  readonly perCoinMicroMinor: number;
  /** Saving per coin against the list's smallest pack, in basis points, rounded down. */
  readonly savingsBps: number;
  /** E.g. "$1.99 per 100 coins", rounded half up to the minor unit. */
  readonly per100CoinsLabel: string;
}

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * Value per coin for every pack of a price list, in list order. Within a list the price per
 * coin never rises with pack size (the rate card's tests prove it for every list), so
 * `savingsBps` never falls.
 */
export function describePackValues(priceList: PriceList): PackValue[] {
  const base = priceList.packs[0];
  return priceList.packs.map((pack) => describePack(pack, base ?? pack, priceList.currency));
}

function describePack(pack: CoinPack, base: CoinPack, currency: PriceList["currency"]): PackValue {
  const price = BigInt(pack.priceMinor);
  const coins = BigInt(pack.coins);
  // Share of the base per-coin price this pack charges, rounded up so savings round down.
  const paidBps = mulDivCeil(
    multiplyChecked(pack.priceMinor, base.coins),
    10_000,
    multiplyChecked(base.priceMinor, pack.coins),
  );
  return {
    packId: pack.id,
    coins: pack.coins,
    priceMinor: pack.priceMinor,
    perCoinMicroMinor: Number(roundHalfUp(price * 1_000_000n, coins)),
    savingsBps: Math.max(0, 10_000 - paidBps),
    per100CoinsLabel: `${formatMoney(Number(roundHalfUp(price * 100n, coins)), currency)} per 100 coins`,
  };
}
