import { ensure } from "../errors.ts";
import { type CurrencyCode, getCurrency } from "../money/currencies.ts";
import {
  addChecked,
  assertIntegerInRange,
  mulDivFloor,
  multiplyChecked,
} from "../money/integers.ts";
import { parseDecimalRatio } from "../money/ratio.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { PayoutMethod, RateCard } from "../rate-card/rate-card.ts";

export interface WithdrawalQuoteRequest {
  readonly diamonds: number;
  readonly method: PayoutMethod;
  /** Currency the creator is paid in; default USD. */
  readonly payoutCurrency?: CurrencyCode;
  /**
   * Units of `payoutCurrency` per US dollar as a decimal string ("0.9213"), required for any
   * currency but USD. Taken as an input so the rulebook never fetches or invents a rate.
   */
  readonly usdExchangeRate?: string;
}

/** The cash a withdrawal pays out, every figure an integer of its currency's minor unit. */
export interface WithdrawalQuote {
  readonly diamonds: number;
  readonly grossUsdMinor: number;
  readonly feeUsdMinor: number;
  readonly netUsdMinor: number;
  readonly payoutCurrency: CurrencyCode;
  /** `netUsdMinor` converted at `usdExchangeRate` and rounded down. */
  readonly payoutMinor: number;
  readonly usdExchangeRate: string;
  readonly rateCardVersion: string;
}

const USD_EXPONENT = 2;

/**
 * Turns diamonds into cash: 1 diamond = `payout.usdMinorPerDiamond` US cents, less the
 * method's fee (fixed + bps, the bps part rounded down in the creator's favour), converted to
 * the payout currency at the given rate and rounded down.
 */
export function quoteWithdrawal(
  request: WithdrawalQuoteRequest,
  rateCard: RateCard = RATE_CARD,
): WithdrawalQuote {
  assertIntegerInRange(request.diamonds, 1, Number.MAX_SAFE_INTEGER, "Diamonds to withdraw");
  const fee = rateCard.payout.fees[request.method];
  ensure(fee !== undefined, `"${request.method}" is not a payout method.`, {
    method: request.method,
  });
  const grossUsdMinor = multiplyChecked(request.diamonds, rateCard.payout.usdMinorPerDiamond);
  const feeUsdMinor = Math.min(
    grossUsdMinor,
    addChecked(fee.fixedUsdMinor, mulDivFloor(grossUsdMinor, fee.bps, 10_000)),
  );
  const netUsdMinor = grossUsdMinor - feeUsdMinor;

  const payoutCurrency = getCurrency(request.payoutCurrency ?? "USD").code;
  const usdExchangeRate = payoutCurrency === "USD" ? "1" : request.usdExchangeRate;
  ensure(
    usdExchangeRate !== undefined,
    `Paying out in ${payoutCurrency} needs an exchange rate (${payoutCurrency} per US dollar).`,
    { payoutCurrency },
  );
  const rate = parseDecimalRatio(usdExchangeRate);
  // net (cents) * rate * 10^(target exponent - 2), in one exact floor.
  const exponentShift = 10n ** BigInt(getCurrency(payoutCurrency).exponent);
  const payoutMinor = Number(
    (BigInt(netUsdMinor) * rate.numerator * exponentShift) /
      (rate.denominator * 10n ** BigInt(USD_EXPONENT)),
  );
  ensure(Number.isSafeInteger(payoutMinor), "The payout is too large to compute exactly.");
  return {
    diamonds: request.diamonds,
    grossUsdMinor,
    feeUsdMinor,
    netUsdMinor,
    payoutCurrency,
    payoutMinor,
    usdExchangeRate,
    rateCardVersion: rateCard.version,
  };
}
