import { checkSignUpAge, isDomainError, normalizeDisplayName } from "@coinstream/core";
import { APIError } from "better-auth/api";
import { dateOfBirthSchema, regionSchema } from "./account-fields.ts";

/**
 * Refuses an account for someone under the sign-up age (13, or the region's higher age) with
 * Better Auth's `{ code, message }` body. Fields that do not parse are left to Better Auth's
 * own validators, which name them.
 */
export function assertSignUpAge(dateOfBirth: unknown, region: unknown, now: Date): void {
  const dob = dateOfBirthSchema.safeParse(dateOfBirth);
  const code = regionSchema.safeParse(region);
  if (!dob.success || !code.success) return;
  const decision = checkSignUpAge(dob.data, code.data, now);
  if (!decision.allowed) {
    throw new APIError("BAD_REQUEST", { code: "UNDER_SIGN_UP_AGE", message: decision.message });
  }
}

/** The display name as stored (core's rules: trimmed, one line, at most 50 characters). */
export function toDisplayName(name: unknown): string {
  try {
    return normalizeDisplayName(typeof name === "string" ? name : "");
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new APIError("BAD_REQUEST", { code: "INVALID_DISPLAY_NAME", message: error.message });
  }
}
