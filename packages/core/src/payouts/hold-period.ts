import { addChecked, assertIntegerInRange } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { DAY_MS } from "../time.ts";

/** A card purchase can be disputed (and its coins clawed back) for about this long after it is paid. */
export const CARD_DISPUTE_DAYS = 30;
/** A buyer's purchases in this many days from their first paid purchase are a new buyer's. */
export const NEW_BUYER_DAYS = 30;

/** When diamonds credited at `creditedAt` leave the rate card's hold (7 days) and become withdrawable. */
export function getHoldReleaseAt(creditedAt: Date, rateCard: RateCard = RATE_CARD): Date {
  return new Date(creditedAt.getTime() + rateCard.payout.holdDays * DAY_MS);
}

/**
 * When a gift's diamonds leave the hold. The rate card's hold (7 days) is shorter than the card
 * dispute window, and a new buyer's purchases are the ones most often disputed, so: when the
 * buyer paid for coins within their first 30 days as a buyer (from their first paid purchase),
 * the diamonds of every gift they make stay held until 30 days after the latest of those
 * purchases made before the gift, if that is later than the usual hold. Conservative on purpose:
 * every coin such a buyer spends before then counts as those purchases' coins (no attribution),
 * so no diamonds a dispute may still claw back are ever released. `buyerPaidAt`: the buyer's
 * paid purchases, in any order (only their first 30 days matter).
 */
export function getGiftReleaseAt(
  giftAt: Date,
  buyerPaidAt: readonly Date[],
  rateCard: RateCard = RATE_CARD,
): Date {
  const usual = getHoldReleaseAt(giftAt, rateCard);
  const times = buyerPaidAt.map((at) => at.getTime());
  if (times.length === 0) return usual;
  const newBuyerUntil = Math.min(...times) + NEW_BUYER_DAYS * DAY_MS;
  const funding = times.filter((at) => at < newBuyerUntil && at <= giftAt.getTime());
  if (funding.length === 0) return usual;
  const disputableUntil = Math.max(...funding) + CARD_DISPUTE_DAYS * DAY_MS;
  return new Date(Math.max(usual.getTime(), disputableUntil));
}

export interface DiamondCredit {
  readonly diamonds: number;
  readonly creditedAt: Date;
  /** A later release than the usual hold, when new-buyer coins funded it (`getGiftReleaseAt`). */
  readonly releaseAt?: Date | null;
}

/** When a credit leaves the hold: the usual hold after it, or its own later release. */
export function getCreditReleaseAt(credit: DiamondCredit, rateCard: RateCard = RATE_CARD): Date {
  const usual = getHoldReleaseAt(credit.creditedAt, rateCard);
  return credit.releaseAt && credit.releaseAt > usual ? credit.releaseAt : usual;
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
    const releaseAt = getCreditReleaseAt(credit, rateCard);
    if (releaseAt.getTime() <= now.getTime()) {
      releasableDiamonds = addChecked(releasableDiamonds, credit.diamonds);
    } else {
      heldDiamonds = addChecked(heldDiamonds, credit.diamonds);
      if (nextReleaseAt === null || releaseAt < nextReleaseAt) nextReleaseAt = releaseAt;
    }
  }
  return { heldDiamonds, releasableDiamonds, nextReleaseAt };
}
