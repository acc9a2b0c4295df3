import { DomainError, DomainErrorCode } from "../errors.ts";
import {
  addChecked,
  assertIntegerInRange,
  mulDivCeil,
  mulDivFloor,
  multiplyChecked,
} from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { MINUTE_MS } from "../time.ts";
import { toEpochMs } from "./epoch-ms.ts";

/**
 * When a stream's boost ends after buying `minutes` more (see `priceBoost` for the coins).
 * Boosts stack: the new minutes start when the current boost ends, or at `now` if there is none
 * or it has already ended. A stream can never be boosted more than `boost.maxMinutes` (240)
 * ahead of `now`.
 *
 * @throws DomainError `INVALID_INPUT` when `minutes` is out of range, a date is invalid, or the
 * extension would go past the cap; the error says how many minutes can still be added
 * (`details.maxAddableMinutes`).
 */
export function extendBoost(
  currentEndsAt: Date | null,
  minutes: number,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): Date {
  const { minMinutes, maxMinutes } = rateCard.boost;
  assertIntegerInRange(minutes, minMinutes, maxMinutes, "Boost minutes");
  const nowMs = toEpochMs(now, "now");
  const startMs =
    currentEndsAt === null ? nowMs : Math.max(nowMs, toEpochMs(currentEndsAt, "currentEndsAt"));

  const remainingMs = startMs - nowMs;
  const capMs = multiplyChecked(maxMinutes, MINUTE_MS);
  // Whole minutes only: a partly used minute of headroom cannot be bought.
  const maxAddableMinutes =
    remainingMs >= capMs ? 0 : mulDivFloor(capMs - remainingMs, 1, MINUTE_MS);
  if (minutes > maxAddableMinutes) {
    const remainingMinutes = mulDivCeil(remainingMs, 1, MINUTE_MS);
    const advice =
      maxAddableMinutes >= minMinutes
        ? `add at most ${maxAddableMinutes} minutes now`
        : `wait until it has at most ${maxMinutes - minMinutes} minutes left before adding more`;
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `A stream can be boosted at most ${maxMinutes} minutes ahead and this one has ${remainingMinutes} left, so ${advice}.`,
      { minutes, maxAddableMinutes, remainingMinutes, maxMinutes },
    );
  }
  return new Date(addChecked(startMs, multiplyChecked(minutes, MINUTE_MS)));
}
