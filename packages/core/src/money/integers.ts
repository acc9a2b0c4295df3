import { DomainError, DomainErrorCode, ensure } from "../errors.ts";

/**
 * Checked integer arithmetic. Amounts in the rulebook are JavaScript safe integers
 * (|n| <= 2^53 - 1); anything that would leave that range throws `OVERFLOW` instead of
 * losing precision. Storage uses bigint; `toSafeInteger` is the checked way back.
 */

function checked(result: number, operation: string): number {
  if (!Number.isSafeInteger(result)) {
    throw new DomainError(
      DomainErrorCode.OVERFLOW,
      `The amount is too large to compute exactly (${operation}).`,
      { operation },
    );
  }
  return result;
}

/** Throws `INVALID_INPUT` unless `value` is a safe integer within [min, max]. */
export function assertIntegerInRange(
  value: number,
  min: number,
  max: number,
  what: string,
): number {
  ensure(Number.isSafeInteger(value), `${what} must be a whole number.`, { value, what });
  ensure(value >= min && value <= max, `${what} must be between ${min} and ${max}.`, {
    value,
    min,
    max,
    what,
  });
  return value;
}

/** a + b, or `OVERFLOW`. */
export function addChecked(a: number, b: number): number {
  return checked(a + b, `${a} + ${b}`);
}

/** a * b, or `OVERFLOW`. */
export function multiplyChecked(a: number, b: number): number {
  return checked(a * b, `${a} * ${b}`);
}

/** Sum of safe integers, or `OVERFLOW`. */
export function sumChecked(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total = addChecked(total, value);
  return total;
}

function assertMulDivOperands(a: number, b: number, c: number): void {
  ensure(
    [a, b, c].every((n) => Number.isSafeInteger(n) && n >= 0) && c > 0,
    "mulDiv takes non-negative whole numbers and a positive divisor.",
    { a, b, c },
  );
}

/**
 * floor(a * b / c) computed exactly for non-negative safe integers, even when a * b itself is
 * beyond 2^53 (the intermediate product goes through bigint).
 */
export function mulDivFloor(a: number, b: number, c: number): number {
  assertMulDivOperands(a, b, c);
  return toSafeInteger((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** ceil(a * b / c) computed exactly for non-negative safe integers. */
export function mulDivCeil(a: number, b: number, c: number): number {
  assertMulDivOperands(a, b, c);
  const divisor = BigInt(c);
  return toSafeInteger((BigInt(a) * BigInt(b) + divisor - 1n) / divisor);
}

/** Converts a bigint (as read from an int8 column) to a number, or throws `OVERFLOW`. */
export function toSafeInteger(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError(DomainErrorCode.OVERFLOW, "The amount is too large to compute exactly.", {
      value: value.toString(),
    });
  }
  return Number(value);
}
