import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { quoteWithdrawal, type WithdrawalQuoteRequest } from "./quote-withdrawal.ts";

const FEE_CARD: RateCard = {
  ...RATE_CARD,
  payout: {
    ...RATE_CARD.payout,
    fees: { ...RATE_CARD.payout.fees, paypal: { fixedUsdMinor: 25, bps: 250 } },
  },
};

describe("quoteWithdrawal", () => {
  it("pays one US cent per diamond with no fee when the method is a bank", () => {
    expect(quoteWithdrawal({ diamonds: 12_345, method: "bank" })).toEqual({
      diamonds: 12_345,
      grossUsdMinor: 12_345,
      feeUsdMinor: 0,
      netUsdMinor: 12_345,
      payoutCurrency: "USD",
      payoutMinor: 12_345,
      usdExchangeRate: "1",
      rateCardVersion: RATE_CARD.version,
    });
  });

  it("takes the method's fixed fee plus its percentage rounded down when a fee is set", () => {
    const quote = quoteWithdrawal({ diamonds: 1_001, method: "paypal" }, FEE_CARD);
    expect(quote.feeUsdMinor).toBe(25 + 25); // 2.5% of 1,001 = 25.025 -> 25
    expect(quote.netUsdMinor).toBe(951);
  });

  it.each([
    ["EUR", "0.9213", 10_000, 9_213],
    ["EUR", "0.92139", 10_001, 9_214], // 100.01 * 0.92139 = 92.1482... -> 92.14
    ["JPY", "151.37", 10_000, 15_137],
    ["JPY", "151.37", 1_001, 1_515], // 10.01 * 151.37 = 1515.21 -> 1515 yen
    ["INR", "83.1", 1_000, 83_100],
  ] as const)("converts to %s at %s and rounds down", (currency, rate, diamonds, payoutMinor) => {
    expect(
      quoteWithdrawal({ diamonds, method: "bank", payoutCurrency: currency, usdExchangeRate: rate })
        .payoutMinor,
    ).toBe(payoutMinor);
  });

  it.each([
    [{ diamonds: 0, method: "bank" }],
    [{ diamonds: 10.5, method: "bank" }],
    [{ diamonds: 1_000, method: "cheque" }],
    [{ diamonds: 1_000, method: "bank", payoutCurrency: "EUR" }],
    [{ diamonds: 1_000, method: "bank", payoutCurrency: "EUR", usdExchangeRate: "-1" }],
    [{ diamonds: 1_000, method: "bank", payoutCurrency: "EUR", usdExchangeRate: "0" }],
  ])("throws INVALID_INPUT when asked for %j", (request) => {
    // Deliberately malformed, as an untyped outside caller could send.
    expect(() => quoteWithdrawal(request as unknown as WithdrawalQuoteRequest)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("never pays more than the exact converted net amount, nor a whole minor unit less", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 200_000_000 }),
        (diamonds, rateMicros) => {
          const rate = `${Math.floor(rateMicros / 1_000_000)}.${String(rateMicros % 1_000_000).padStart(6, "0")}`;
          const quote = quoteWithdrawal({
            diamonds,
            method: "bank",
            payoutCurrency: "EUR",
            usdExchangeRate: rate,
          });
          const exact = BigInt(quote.netUsdMinor) * BigInt(rateMicros); // in EUR cents * 10^6
          expect(BigInt(quote.payoutMinor) * 1_000_000n <= exact).toBe(true);
          expect(BigInt(quote.payoutMinor + 1) * 1_000_000n > exact).toBe(true);
          expect(quote.netUsdMinor + quote.feeUsdMinor).toBe(quote.grossUsdMinor);
        },
      ),
    );
  });
});
