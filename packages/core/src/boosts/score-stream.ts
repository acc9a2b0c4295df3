import {
  addChecked,
  assertIntegerInRange,
  mulDivFloor,
  multiplyChecked,
} from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { MINUTE_MS } from "../time.ts";
import { toEpochMs } from "./epoch-ms.ts";

/** A gift a stream received, for ranking: its coins and when it was sent. */
export interface RecentGift {
  readonly coins: number;
  readonly at: Date;
}

/** What the discovery score of a stream is computed from. */
export interface StreamActivity {
  /** Gifts the stream received; those older than `boost.giftWindowMinutes` count for nothing. */
  readonly recentGifts: readonly RecentGift[];
  /** When the stream's boost ends, or `null` when it has no boost on record. */
  readonly boostEndsAt: Date | null;
}

/**
 * The discovery score of a live stream at `now`: each gift of the last `boost.giftWindowMinutes`
 * (15) counts its coins fading linearly to 0 over the window, `floor(coins * (windowMs - ageMs) /
 * windowMs)`, plus `boost.scoreBonus` while a boost is active (`now` before `boostEndsAt`).
 * A gift dated after `now` (clock skew between servers) counts in full, as if just sent.
 *
 * @throws DomainError `INVALID_INPUT` for a gift whose coins are not a non-negative whole number
 * or any invalid Date.
 */
export function scoreStream(
  activity: StreamActivity,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): number {
  const nowMs = toEpochMs(now, "now");
  const windowMs = multiplyChecked(rateCard.boost.giftWindowMinutes, MINUTE_MS);

  let score = 0;
  for (const [index, gift] of activity.recentGifts.entries()) {
    assertIntegerInRange(gift.coins, 0, Number.MAX_SAFE_INTEGER, `recentGifts[${index}].coins`);
    const ageMs = Math.max(0, nowMs - toEpochMs(gift.at, `recentGifts[${index}].at`));
    if (ageMs < windowMs) {
      score = addChecked(score, mulDivFloor(gift.coins, windowMs - ageMs, windowMs));
    }
  }

  const boostEndsMs =
    activity.boostEndsAt === null ? null : toEpochMs(activity.boostEndsAt, "boostEndsAt");
  const isBoostActive = boostEndsMs !== null && nowMs < boostEndsMs;
  return isBoostActive ? addChecked(score, rateCard.boost.scoreBonus) : score;
}
