import { DomainError, DomainErrorCode } from "../errors.ts";
import { formatMoney, groupThousands } from "../money/currencies.ts";
import { assertIntegerInRange } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { formatCount } from "../text/format-count.ts";
import { CARD_DISPUTE_DAYS } from "./hold-period.ts";

export interface WithdrawalFacts {
  readonly diamonds: number;
  /** Diamonds out of the hold and not reserved by another withdrawal. */
  readonly availableDiamonds: number;
  /** Cash already withdrawn (or reserved) in the last 24 h, in US cents. */
  readonly withdrawnLast24hUsdMinor: number;
  readonly hasPayoutMethod: boolean;
}

export type WithdrawalRefusal =
  | "BELOW_MINIMUM"
  | "ABOVE_AVAILABLE"
  | "ABOVE_DAILY_MAX"
  | "NO_PAYOUT_METHOD";

export type WithdrawalDecision =
  | { readonly allowed: true; readonly maxDiamonds: number }
  | {
      readonly allowed: false;
      /** The most the creator could withdraw right now (0 if nothing). */
      readonly maxDiamonds: number;
      readonly reasons: readonly { readonly code: WithdrawalRefusal; readonly message: string }[];
    };

/**
 * Checks a withdrawal request against the payout rules: at least the minimum, no more than the
 * available (released) diamonds, within the rolling daily cash maximum, and a payout method set.
 * Returns every reason that applies, so the creator can fix them all at once.
 */
export function checkWithdrawal(
  facts: WithdrawalFacts,
  rateCard: RateCard = RATE_CARD,
): WithdrawalDecision {
  const { payout } = rateCard;
  assertIntegerInRange(facts.diamonds, 1, Number.MAX_SAFE_INTEGER, "Diamonds to withdraw");
  assertIntegerInRange(facts.availableDiamonds, 0, Number.MAX_SAFE_INTEGER, "Available diamonds");
  assertIntegerInRange(
    facts.withdrawnLast24hUsdMinor,
    0,
    Number.MAX_SAFE_INTEGER,
    "Withdrawn today",
  );

  const leftTodayUsdMinor = Math.max(0, payout.dailyMaxUsdMinor - facts.withdrawnLast24hUsdMinor);
  const leftTodayDiamonds = Math.floor(leftTodayUsdMinor / payout.usdMinorPerDiamond);
  const maxCandidate = Math.min(facts.availableDiamonds, leftTodayDiamonds);
  const maxDiamonds =
    facts.hasPayoutMethod && maxCandidate >= payout.minWithdrawalDiamonds ? maxCandidate : 0;

  const reasons: { code: WithdrawalRefusal; message: string }[] = [];
  if (facts.diamonds < payout.minWithdrawalDiamonds) {
    reasons.push({
      code: "BELOW_MINIMUM",
      message: `Withdrawals start at ${groupThousands(payout.minWithdrawalDiamonds)} diamonds.`,
    });
  }
  if (facts.diamonds > facts.availableDiamonds) {
    reasons.push({
      code: "ABOVE_AVAILABLE",
      message: `You have ${formatCount(facts.availableDiamonds, "diamond")} available; newer diamonds are held for ${payout.holdDays} days (${CARD_DISPUTE_DAYS} days after the purchase when a new buyer's coins paid for them).`,
    });
  }
  if (facts.diamonds > leftTodayDiamonds) {
    reasons.push({
      code: "ABOVE_DAILY_MAX",
      message: `You can withdraw at most ${formatMoney(payout.dailyMaxUsdMinor, "USD")} a day; ${formatMoney(leftTodayUsdMinor, "USD")} is left today.`,
    });
  }
  if (!facts.hasPayoutMethod) {
    reasons.push({ code: "NO_PAYOUT_METHOD", message: "Add a payout method before withdrawing." });
  }
  return reasons.length === 0
    ? { allowed: true, maxDiamonds }
    : { allowed: false, maxDiamonds, reasons };
}

/** Throws `NOT_ELIGIBLE` with the reasons when the decision refuses the withdrawal. */
export function assertWithdrawalAllowed(decision: WithdrawalDecision): void {
  if (decision.allowed) return;
  throw new DomainError(
    DomainErrorCode.NOT_ELIGIBLE,
    decision.reasons.map((reason) => reason.message).join(" "),
    { reasons: decision.reasons, maxDiamonds: decision.maxDiamonds },
  );
}
