import { ensure } from "../errors.ts";

/** An exact non-negative rational number, used for rates that must not be rounded early. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Compares a/b with c/d exactly: negative, zero or positive like a sort comparator. */
export function compareRatios(left: Ratio, right: Ratio): number {
  const l = left.numerator * right.denominator;
  const r = right.numerator * left.denominator;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Parses a positive decimal string such as "0.9213" or "5.4" exactly (no floating point), as
 * exchange rates arrive from a rates provider.
 */
export function parseDecimalRatio(decimal: string): Ratio {
  const match = /^(\d{1,12})(?:\.(\d{1,12}))?$/.exec(decimal.trim());
  ensure(match !== null, `"${decimal}" is not a positive decimal number such as "0.92".`, {
    decimal,
  });
  const [, whole = "0", fraction = ""] = match;
  const ratio = {
    numerator: BigInt(whole + fraction),
    denominator: 10n ** BigInt(fraction.length),
  };
  ensure(ratio.numerator > 0n, "An exchange rate must be greater than zero.", { decimal });
  return ratio;
}
