import { formatMoney, groupThousands } from "../money/currencies.ts";
import { assertIntegerInRange, multiplyChecked, sumChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { DAY_MS, HOUR_MS } from "../time.ts";

/** A first withdrawal of at least this share of the daily maximum is reviewed. */
export const LARGE_FIRST_WITHDRAWAL_BPS = 5_000;
/** Earnings mostly (at least this share) from one supporter are reviewed... */
export const ONE_SUPPORTER_BPS = 8_000;
/** ...over the diamonds credited in this many days before the request... */
export const SUPPORT_WINDOW_DAYS = 30;
/** ...for withdrawals of at least this share of the daily maximum (small ones are not worth it). */
export const ONE_SUPPORTER_MIN_WITHDRAWAL_BPS = 1_000;

export interface WithdrawalFlagFacts {
  /** Diamonds the withdrawal takes. */
  readonly diamonds: number;
  /** Cash it pays out, in US cents. */
  readonly netUsdMinor: number;
  /** The creator's earlier withdrawals that were paid; 0 makes this their first. */
  readonly paidWithdrawals: number;
  /**
   * When the payout method's open review began (see `reviewsPayoutMethodChange`), or null when
   * no change waits for an admin's approval.
   */
  readonly payoutMethodReviewOpenedAt: Date | null;
  /**
   * Diamonds credited to the creator in the `SUPPORT_WINDOW_DAYS` before the request, one entry
   * per supporter (order does not matter).
   */
  readonly recentDiamondsBySupporter: readonly number[];
}

export type WithdrawalFlagCode =
  | "PAYOUT_METHOD_CHANGED"
  | "LARGE_FIRST_WITHDRAWAL"
  | "ONE_SUPPORTER";

export interface WithdrawalFlag {
  readonly code: WithdrawalFlagCode;
  /** For the admin who reviews it (creators only see that it is in review). */
  readonly message: string;
}

/**
 * Whether a withdrawal should wait for an admin before any cash leaves, and why. Each rule
 * matches a way stolen value leaves the platform:
 *
 * - PAYOUT_METHOD_CHANGED: the payout method was changed after an earlier withdrawal and no admin
 *   has approved the change yet (a taken-over account redirects the cash). The review belongs to
 *   the method, not to one withdrawal: rejecting a held withdrawal leaves it open, so asking
 *   again is held again; only an admin's approval closes it.
 * - LARGE_FIRST_WITHDRAWAL: the creator has never been paid and this takes at least half the
 *   daily maximum (a fresh account cashing out fast).
 * - ONE_SUPPORTER: one supporter gave at least 80% of the diamonds of the last 30 days, their
 *   diamonds cover at least half of this withdrawal, and it takes at least a tenth of the daily
 *   maximum (stolen cards gifting an accomplice, whose chargebacks may land after the hold).
 *
 * Returns null when nothing is suspicious, else every rule that matched.
 */
export function flagWithdrawal(
  facts: WithdrawalFlagFacts,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): readonly WithdrawalFlag[] | null {
  assertIntegerInRange(facts.diamonds, 1, Number.MAX_SAFE_INTEGER, "Diamonds to withdraw");
  assertIntegerInRange(facts.netUsdMinor, 0, Number.MAX_SAFE_INTEGER, "Cash to withdraw");
  assertIntegerInRange(facts.paidWithdrawals, 0, Number.MAX_SAFE_INTEGER, "Paid withdrawals");
  for (const diamonds of facts.recentDiamondsBySupporter) {
    assertIntegerInRange(diamonds, 0, Number.MAX_SAFE_INTEGER, "A supporter's diamonds");
  }
  const flags: WithdrawalFlag[] = [];

  if (facts.payoutMethodReviewOpenedAt !== null) {
    const sinceMs = now.getTime() - facts.payoutMethodReviewOpenedAt.getTime();
    const hours = Math.max(0, Math.floor(sinceMs / HOUR_MS));
    flags.push({
      code: "PAYOUT_METHOD_CHANGED",
      message: `The payout method changed ${hours} h ago, after an earlier withdrawal, and no admin has approved the change yet.`,
    });
  }

  const dailyMax = rateCard.payout.dailyMaxUsdMinor;
  if (
    facts.paidWithdrawals === 0 &&
    multiplyChecked(facts.netUsdMinor, 10_000) >=
      multiplyChecked(dailyMax, LARGE_FIRST_WITHDRAWAL_BPS)
  ) {
    flags.push({
      code: "LARGE_FIRST_WITHDRAWAL",
      message: `A first withdrawal of ${formatMoney(facts.netUsdMinor, "USD")}, at least half the daily maximum of ${formatMoney(dailyMax, "USD")}.`,
    });
  }

  const total = sumChecked(facts.recentDiamondsBySupporter);
  const top = facts.recentDiamondsBySupporter.reduce((max, d) => Math.max(max, d), 0);
  if (
    total > 0 &&
    multiplyChecked(top, 10_000) >= multiplyChecked(total, ONE_SUPPORTER_BPS) &&
    multiplyChecked(top, 2) >= facts.diamonds &&
    multiplyChecked(facts.netUsdMinor, 10_000) >=
      multiplyChecked(dailyMax, ONE_SUPPORTER_MIN_WITHDRAWAL_BPS)
  ) {
    flags.push({
      code: "ONE_SUPPORTER",
      message: `One supporter gave ${groupThousands(top)} of the ${groupThousands(total)} diamonds of the last ${SUPPORT_WINDOW_DAYS} days.`,
    });
  }
  return flags.length === 0 ? null : flags;
}

/** The start of the window `recentDiamondsBySupporter` covers, for a request at `now`. */
export function getSupportWindowStart(now: Date): Date {
  return new Date(now.getTime() - SUPPORT_WINDOW_DAYS * DAY_MS);
}

/** What a creator's new payout-method setting changes, for `reviewsPayoutMethodChange`. */
export interface PayoutMethodChange {
  /** A method was set before and the new one pays somewhere else (kind, label or account). */
  readonly isNewDestination: boolean;
  /** Withdrawals the creator requested before, whatever became of them. */
  readonly earlierWithdrawals: number;
  /** A review of an earlier change is still open. */
  readonly isUnderReview: boolean;
}

/**
 * Whether the payout method is under review after this setting: a new destination after an
 * earlier withdrawal opens a review (a first method is not a change), and an open review stays
 * open whatever is set next, until an admin approves a withdrawal to the method.
 */
export function reviewsPayoutMethodChange(change: PayoutMethodChange): boolean {
  assertIntegerInRange(
    change.earlierWithdrawals,
    0,
    Number.MAX_SAFE_INTEGER,
    "Earlier withdrawals",
  );
  return change.isUnderReview || (change.isNewDestination && change.earlierWithdrawals > 0);
}
