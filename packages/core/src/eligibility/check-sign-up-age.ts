import { getRegionRules, RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { ageOn } from "./age-on.ts";

/** Nobody younger may hold an account, in any region (COPPA's age, and the floor elsewhere). */
export const MIN_SIGN_UP_AGE = 13;

export type SignUpAgeDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly minAge: number; readonly message: string };

/**
 * May someone born on `dateOfBirth` in `region` create an account on `now`? At least 13
 * everywhere; a region's `minSignUpAge` may raise it, never lower it. Buying and gifting have
 * their own, higher ages (`checkEligibility`).
 */
export function checkSignUpAge(
  dateOfBirth: Date,
  region: string,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): SignUpAgeDecision {
  const minAge = Math.max(MIN_SIGN_UP_AGE, getRegionRules(region, rateCard).minSignUpAge ?? 0);
  if (ageOn(dateOfBirth, now) >= minAge) return { allowed: true };
  return {
    allowed: false,
    minAge,
    message: `You must be at least ${minAge} to create a Coinstream account. If the date of birth is wrong, correct it and try again.`,
  };
}
