import { DomainError, DomainErrorCode } from "../errors.ts";
import { groupThousands } from "../money/currencies.ts";
import { getRegionRules, RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { DAY_MS } from "../time.ts";
import { ageOn } from "./age-on.ts";

/** What a person wants to do with money on Coinstream. */
export type EligibleAction = "buy" | "gift" | "receive" | "withdraw";

/** The facts about an account that decide what it may do. */
export interface EligibilityFacts {
  readonly dateOfBirth: Date;
  /** ISO 3166-1 alpha-2 region of the account. */
  readonly region: string;
  readonly accountCreatedAt: Date;
  readonly emailVerified: boolean;
  /** A guardian has linked and confirmed this account (see the region's guardian age). */
  readonly hasGuardian: boolean;
  readonly frozen: boolean;
  readonly activeStrikes: number;
  /** The creator's best linked channel, or null when none is linked. */
  readonly channel: {
    readonly verified: boolean;
    readonly followers: number;
    /**
     * The count was read from the channel's page, or an admin confirmed a count the creator
     * entered. Only such a count counts: an entered one waits for the review.
     */
    readonly followersVerified: boolean;
  } | null;
  readonly hasPayoutMethod: boolean;
}

export type EligibilityReasonCode =
  | "ACCOUNT_FROZEN"
  | "UNDER_MIN_AGE"
  | "GUARDIAN_REQUIRED"
  | "EMAIL_NOT_VERIFIED"
  | "NO_VERIFIED_CHANNEL"
  | "TOO_FEW_FOLLOWERS"
  | "FOLLOWERS_NOT_VERIFIED"
  | "ACTIVE_STRIKE"
  | "ACCOUNT_TOO_NEW"
  | "NO_PAYOUT_METHOD";

export interface EligibilityReason {
  readonly code: EligibilityReasonCode;
  readonly message: string;
}

export type EligibilityDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reasons: readonly EligibilityReason[] };

/**
 * Decides whether an account may buy coins, send gifts, receive gifts or withdraw, and if not,
 * lists everything that is missing (not just the first thing), so a person can fix it all at once.
 *
 * - every action: the account is not frozen and its email is verified;
 * - buy and gift: the region's minimum age (18 by default, 19 in South Korea), or, where the
 *   region lets minors take part, its guardian age with a linked guardian;
 * - receive: the region's minimum age (no guardian route), a verified linked channel with the
 *   card's minimum followers (100) in a verified count (read from its page, or an entered count
 *   an admin confirmed: a typed number alone never counts), and no active strike;
 * - withdraw: the receiving age, an account at least 7 days old and a payout method.
 */
export function checkEligibility(
  action: EligibleAction,
  facts: EligibilityFacts,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): EligibilityDecision {
  const region = getRegionRules(facts.region, rateCard);
  const rules = rateCard.eligibility;
  const age = ageOn(facts.dateOfBirth, now);
  const reasons: EligibilityReason[] = [];

  if (facts.frozen) {
    reasons.push({
      code: "ACCOUNT_FROZEN",
      message:
        "This account is frozen while we review it. Open a support ticket from the wallet (Support) to restore it.",
    });
  }
  if (!facts.emailVerified) {
    reasons.push({
      code: "EMAIL_NOT_VERIFIED",
      message: "Verify your email address first: follow the link we sent you.",
    });
  }

  if (age < region.minAge) {
    const guardianAge = region.minAgeWithGuardian;
    const mayUseGuardian = (action === "buy" || action === "gift") && guardianAge !== undefined;
    if (mayUseGuardian && age >= guardianAge && !facts.hasGuardian) {
      reasons.push({
        code: "GUARDIAN_REQUIRED",
        message: `Under ${region.minAge}, a parent or guardian must link and approve your account first.`,
      });
    } else if (!mayUseGuardian || age < guardianAge) {
      reasons.push({
        code: "UNDER_MIN_AGE",
        message: `You must be at least ${mayUseGuardian ? guardianAge : region.minAge} to ${ACTION_WORDS[action]} in your region.`,
      });
    }
  }

  if (action === "receive") {
    if (!facts.channel?.verified) {
      reasons.push({
        code: "NO_VERIFIED_CHANNEL",
        message: "Link a channel and verify that it is yours before receiving gifts.",
      });
    } else if (!facts.channel.followersVerified) {
      reasons.push({
        code: "FOLLOWERS_NOT_VERIFIED",
        message: `Your channel's page shows no follower count we could read, and a count you enter (${groupThousands(facts.channel.followers)}) counts only once an admin confirms it. It is waiting for that review.`,
      });
    } else if (facts.channel.followers < rules.minFollowersToReceive) {
      reasons.push({
        code: "TOO_FEW_FOLLOWERS",
        message: `Your channel needs at least ${groupThousands(rules.minFollowersToReceive)} followers to receive gifts (it has ${groupThousands(facts.channel.followers)}).`,
      });
    }
    if (facts.activeStrikes > 0) {
      reasons.push({
        code: "ACTIVE_STRIKE",
        message: "Your account has an active strike; gifts resume when it expires or is lifted.",
      });
    }
  }

  if (action === "withdraw") {
    const readyAt = facts.accountCreatedAt.getTime() + rules.minAccountAgeDaysToWithdraw * DAY_MS;
    if (now.getTime() < readyAt) {
      reasons.push({
        code: "ACCOUNT_TOO_NEW",
        message: `Withdrawals open ${rules.minAccountAgeDaysToWithdraw} days after you join, on ${new Date(readyAt).toISOString().slice(0, 10)}.`,
      });
    }
    if (!facts.hasPayoutMethod) {
      reasons.push({
        code: "NO_PAYOUT_METHOD",
        message: "Add a payout method before withdrawing.",
      });
    }
  }

  return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons };
}

const ACTION_WORDS: Record<EligibleAction, string> = {
  buy: "buy coins",
  gift: "send gifts",
  receive: "receive gifts",
  withdraw: "withdraw earnings",
};

/** Throws `NOT_ELIGIBLE` with every reason in `details.reasons` when the decision refuses. */
export function assertEligible(decision: EligibilityDecision): void {
  if (decision.allowed) return;
  throw new DomainError(
    DomainErrorCode.NOT_ELIGIBLE,
    decision.reasons.map((reason) => reason.message).join(" "),
    { reasons: decision.reasons },
  );
}
