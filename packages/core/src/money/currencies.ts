import { DomainError, DomainErrorCode } from "../errors.ts";

/**
 * Currencies the rate card prices coins in. Money is always an integer count of the
 * currency's minor unit; `exponent` says how many minor units make one major unit (10^exponent).
 */
export const CURRENCIES = {
  USD: { code: "USD", exponent: 2, symbol: "$" },
  EUR: { code: "EUR", exponent: 2, symbol: "€" },
  GBP: { code: "GBP", exponent: 2, symbol: "£" },
  JPY: { code: "JPY", exponent: 0, symbol: "¥" },
  INR: { code: "INR", exponent: 2, symbol: "₹" },
  BRL: { code: "BRL", exponent: 2, symbol: "R$" },
  KRW: { code: "KRW", exponent: 0, symbol: "₩" },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export type Currency = (typeof CURRENCIES)[CurrencyCode];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

export function getCurrency(code: string): Currency {
  if (!isCurrencyCode(code)) {
    throw new DomainError(
      DomainErrorCode.UNSUPPORTED_CURRENCY,
      `Coinstream does not support the currency "${code}".`,
      { code },
    );
  }
  return CURRENCIES[code];
}

/**
 * Formats an amount in minor units for people: `formatMoney(199, "USD")` is "$1.99",
 * `formatMoney(300, "JPY")` is "¥300". Deterministic (no locale lookup), so prices read the
 * same in the API, the extension and the tests.
 */
export function formatMoney(amountMinor: number, currencyCode: CurrencyCode): string {
  const { exponent, symbol } = CURRENCIES[currencyCode];
  const sign = amountMinor < 0 ? "-" : "";
  const digits = Math.abs(amountMinor)
    .toString()
    .padStart(exponent + 1, "0");
  const major = digits.slice(0, digits.length - exponent);
  const minor = digits.slice(digits.length - exponent);
  return `${sign}${symbol}${groupThousands(major)}${exponent > 0 ? `.${minor}` : ""}`;
}

/** "1234567" -> "1,234,567": the digit grouping every label in the product uses. */
export function groupThousands(digits: string | number): string {
  return String(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
