import { getRateCard, RATE_CARD } from "@coinstream/core";

/**
 * The viewer's own combo in the gift bar: the same gift sent again within the combo window
 * continues it (x2, x3...). Counted from the server's answers only, so a failed send never
 * inflates it. The stream's animations use the server's `comboCount` instead.
 */
export interface SendCombo {
  readonly giftId: string;
  /** Gifts in the streak so far, counting every gift of a multi-gift send: the xN shown. */
  readonly comboCount: number;
  /** Epoch ms of the last successful send; the streak lives until `lastAt + windowMs`. */
  readonly lastAt: number;
}

/** The combo window of the rate card the API priced the catalog with (core's current one otherwise). */
export function comboWindowMsFor(rateCardVersion: string | null): number {
  if (rateCardVersion === null) return RATE_CARD.comboWindowMs;
  try {
    return getRateCard(rateCardVersion).comboWindowMs;
  } catch {
    return RATE_CARD.comboWindowMs;
  }
}

/** The combo after a successful send of `count` of `giftId` at `at`. */
export function continueSendCombo(
  previous: SendCombo | null,
  giftId: string,
  count: number,
  at: number,
  windowMs: number,
): SendCombo {
  const continues =
    previous !== null &&
    previous.giftId === giftId &&
    at >= previous.lastAt &&
    at - previous.lastAt <= windowMs;
  return {
    giftId,
    comboCount: continues ? previous.comboCount + count : count,
    lastAt: at,
  };
}

/** The combo if it is still running at `now`, else null. */
export function activeCombo(
  combo: SendCombo | null,
  now: number,
  windowMs: number,
): SendCombo | null {
  return combo !== null && now - combo.lastAt <= windowMs ? combo : null;
}

/** How much of the window is left, 0..1, for the "send again" ring. */
export function comboTimeLeft(combo: SendCombo | null, now: number, windowMs: number): number {
  if (combo === null || windowMs <= 0) return 0;
  const left = combo.lastAt + windowMs - now;
  return Math.max(0, Math.min(1, left / windowMs));
}
