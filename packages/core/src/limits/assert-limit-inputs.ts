import { ensure } from "../errors.ts";
import { assertIntegerInRange } from "../money/integers.ts";
import { CAP_FIELDS, type CapSet, type SpendRecord } from "./spending-limits.ts";

/** Throws `INVALID_INPUT` unless `value` is a Date holding a real instant. */
export function assertValidDate(value: unknown, what: string): asserts value is Date {
  ensure(value instanceof Date && !Number.isNaN(value.getTime()), `${what} must be a valid date.`, {
    what,
  });
}

/** Throws `INVALID_INPUT` unless `coins` is a whole number of coins above zero. */
export function assertSpendAmount(coins: number): void {
  assertIntegerInRange(coins, 1, Number.MAX_SAFE_INTEGER, "The amount to spend");
}

/** Throws `INVALID_INPUT` unless every past spend has whole, non-negative coins and a valid date. */
export function assertSpendHistory(history: readonly SpendRecord[]): void {
  ensure(Array.isArray(history), "The spending history must be a list.");
  for (const [index, spend] of history.entries()) {
    ensure(typeof spend === "object" && spend !== null, "A past spend is missing.", { index });
    assertIntegerInRange(spend.coins, 0, Number.MAX_SAFE_INTEGER, `Past spend #${index}'s coins`);
    assertValidDate(spend.at, `Past spend #${index}'s date`);
  }
}

/**
 * Throws `INVALID_INPUT` unless every cap in `caps` is absent, `null` or a whole, non-negative
 * number of coins, and the cooling-off lock is absent, `null` or a valid date.
 */
export function assertCapSet(caps: CapSet | undefined, owner: string): void {
  if (caps === undefined) return;
  ensure(typeof caps === "object" && caps !== null, `The ${owner} limits must be an object.`);
  for (const field of CAP_FIELDS) {
    const coins = caps[field];
    if (coins === undefined || coins === null) continue;
    assertIntegerInRange(coins, 0, Number.MAX_SAFE_INTEGER, `The ${owner} ${field}`);
  }
  const until = caps.coolingOffUntil;
  if (until !== undefined && until !== null) {
    assertValidDate(until, `The ${owner} cooling-off end`);
  }
}
