import { ensure } from "../errors.ts";

/**
 * Whole years of age on `now` for someone born on `dateOfBirth`, by UTC calendar date. A
 * 29 February birthday counts from 1 March in other years, so nobody comes of age early.
 */
export function ageOn(dateOfBirth: Date, now: Date): number {
  ensure(!Number.isNaN(dateOfBirth.getTime()), "The date of birth is not a valid date.");
  ensure(dateOfBirth.getTime() <= now.getTime(), "The date of birth is in the future.");
  const years = now.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const birthdayThisYear = Date.UTC(
    now.getUTCFullYear(),
    dateOfBirth.getUTCMonth(),
    dateOfBirth.getUTCDate(),
  );
  // Date.UTC rolls 29 Feb over to 1 Mar in common years, which is the rule we want.
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return startOfToday >= birthdayThisYear ? years : years - 1;
}
