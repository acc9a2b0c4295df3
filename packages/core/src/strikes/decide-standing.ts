import { DAY_MS } from "../time.ts";

/** Strikes count for 90 days after they are issued. */
export const STRIKE_WINDOW_DAYS = 90;
/** This many counting strikes inside one window suspend receiving. */
export const STRIKES_TO_SUSPEND = 3;
/** How long a suspension lasts from the strike that triggered it. */
export const SUSPENSION_DAYS = 14;

/** A strike as the rule sees it; `withdrawn` is its state now (an appeal an admin granted). */
export interface StrikeFact {
  readonly issuedAt: Date;
  readonly withdrawn: boolean;
}

export interface Standing {
  /** Strikes not withdrawn and issued in the 90 days up to `now` (`now - 90 d < issuedAt <= now`). */
  readonly activeStrikes: number;
  /** When the current suspension ends, or null when the creator may receive gifts. */
  readonly suspendedUntil: Date | null;
}

/**
 * A creator's standing at `now`. Withdrawn strikes and strikes issued after `now` never count.
 *
 * A counting strike issued at `t` **triggers** a suspension when at least 3 counting strikes
 * (itself included) were issued in the 90 days up to it: `t - 90 d < issuedAt <= t`. Each trigger
 * suspends receiving over `[t, t + 14 d)`. The creator is suspended at `now` when some trigger
 * covers `now`, until the latest such end (a fourth strike in the window extends it). So:
 * - with fewer than 3 counting strikes there is never a suspension;
 * - three strikes inside 90 days suspend from the third one for 14 days;
 * - withdrawing a strike (an upheld appeal's opposite) takes effect at once: every trigger is
 *   recomputed without it, so the suspension can end early or vanish.
 */
export function decideStanding(strikes: readonly StrikeFact[], now: Date): Standing {
  const nowMs = now.getTime();
  const windowMs = STRIKE_WINDOW_DAYS * DAY_MS;
  const counting = strikes
    .filter((strike) => !strike.withdrawn && strike.issuedAt.getTime() <= nowMs)
    .map((strike) => strike.issuedAt.getTime())
    .sort((a, b) => a - b);
  const activeStrikes = counting.filter((at) => at > nowMs - windowMs).length;

  let suspendedUntilMs: number | null = null;
  for (let i = STRIKES_TO_SUSPEND - 1; i < counting.length; i++) {
    const at = counting[i] as number;
    // Sorted, so the (i - 2)th strike is the oldest of the three latest up to this one
    // (equal timestamps sort together and count as inside the window).
    const oldest = counting[i - (STRIKES_TO_SUSPEND - 1)] as number;
    if (oldest <= at - windowMs) continue;
    const endMs = at + SUSPENSION_DAYS * DAY_MS;
    if (endMs > nowMs && (suspendedUntilMs === null || endMs > suspendedUntilMs)) {
      suspendedUntilMs = endMs;
    }
  }
  return {
    activeStrikes,
    suspendedUntil: suspendedUntilMs === null ? null : new Date(suspendedUntilMs),
  };
}
