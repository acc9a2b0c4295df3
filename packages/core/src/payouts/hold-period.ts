import { addChecked, assertIntegerInRange } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { DAY_MS } from "../time.ts";

/** When diamonds credited at `creditedAt` leave the hold and become withdrawable. */
export function getHoldReleaseAt(creditedAt: Date, rateCard: RateCard = RATE_CARD): Date {
  return new Date(creditedAt.getTime() + rateCard.payout.holdDays * DAY_MS);
}

export interface DiamondCredit {
  readonly diamonds: number;
  readonly creditedAt: Date;
}

export interface HeldSplit {
  readonly heldDiamonds: number;
  readonly releasableDiamonds: number;
  /** The next moment some held diamonds become releasable, or null when none are held. */
  readonly nextReleaseAt: Date | null;
}

/**
 * Splits diamond credits into those still in the hold (chargeback buffer) and those the release
 * job may move to the available balance at `now`. A credit is releasable at its release instant.
 */
export function splitHeldDiamonds(
  credits: readonly DiamondCredit[],
  now: Date,
  rateCard: RateCard = RATE_CARD,
): HeldSplit {
  let heldDiamonds = 0;
  let releasableDiamonds = 0;
  let nextReleaseAt: Date | null = null;
  for (const credit of credits) {
    assertIntegerInRange(credit.diamonds, 0, Number.MAX_SAFE_INTEGER, "Credited diamonds");
    const releaseAt = getHoldReleaseAt(credit.creditedAt, rateCard);
    if (releaseAt.getTime() <= now.getTime()) {
      releasableDiamonds = addChecked(releasableDiamonds, credit.diamonds);
    } else {
      heldDiamonds = addChecked(heldDiamonds, credit.diamonds);
      if (nextReleaseAt === null || releaseAt < nextReleaseAt) nextReleaseAt = releaseAt;
    }
  }
  return { heldDiamonds, releasableDiamonds, nextReleaseAt };
}
