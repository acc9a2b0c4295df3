import { ensure } from "../errors.ts";

/** The epoch milliseconds of `date`, or `INVALID_INPUT` naming `what` if it is not a valid Date. */
export function toEpochMs(date: Date, what: string): number {
  ensure(
    date instanceof Date && Number.isSafeInteger(date.getTime()),
    `${what} must be a valid Date.`,
    { what },
  );
  return date.getTime();
}
