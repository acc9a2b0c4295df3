import { getRegionRules, RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { ageOn } from "./age-on.ts";

/** What decides whether an account may supervise another. */
export interface GuardianFacts {
  readonly dateOfBirth: Date;
  readonly region: string;
  readonly accountCreatedAt: Date;
  /** A card check through the payment provider proved an adult holds the account. */
  readonly adultVerified: boolean;
}

export type GuardianReasonCode =
  | "GUARDIAN_NOT_ADULT"
  | "ADULT_NOT_VERIFIED"
  | "GUARDIAN_ACCOUNT_NEWER";

export type GuardianDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly code: GuardianReasonCode;
      readonly message: string;
    };

/**
 * May this account be a guardian (of the account created at `supervisedCreatedAt`, when known)?
 * An adult in their region (18, 19 in South Korea) who passed a card check, with an account
 * created before the supervised one, so a minor cannot make an adult account of their own to
 * approve themselves. The first failing rule decides, in that order.
 */
export function checkGuardian(
  guardian: GuardianFacts,
  supervisedCreatedAt: Date | null,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): GuardianDecision {
  if (ageOn(guardian.dateOfBirth, now) < getRegionRules(guardian.region, rateCard).minAge) {
    return { allowed: false, code: "GUARDIAN_NOT_ADULT", message: "A guardian must be an adult." };
  }
  if (!guardian.adultVerified) {
    return {
      allowed: false,
      code: "ADULT_NOT_VERIFIED",
      message:
        "A guardian first confirms they are an adult with a card check (nothing is charged); start it from the guardian page, then try again.",
    };
  }
  if (
    supervisedCreatedAt !== null &&
    guardian.accountCreatedAt.getTime() >= supervisedCreatedAt.getTime()
  ) {
    return {
      allowed: false,
      code: "GUARDIAN_ACCOUNT_NEWER",
      message:
        "A guardian needs a Coinstream account older than the account they supervise; a parent with an older account can link instead.",
    };
  }
  return { allowed: true };
}
