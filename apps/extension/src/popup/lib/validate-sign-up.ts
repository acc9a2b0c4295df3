import { checkSignUpAge, isDomainError, normalizeDisplayName } from "@coinstream/core";

export interface SignUpFields {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  /** YYYY-MM-DD from the date input, or "". */
  readonly dateOfBirth: string;
  readonly region: string;
  /** The guidelines version the person ticked to accept, or null. */
  readonly acceptedGuidelinesVersion: number | null;
}

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a person can fix before asking the API (which checks everything again): each message
 * is keyed by the field it belongs next to. Empty when the form looks complete.
 */
export function validateSignUp(fields: SignUpFields, today: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (fields.name.trim() === "") errors.name = ["Enter the name to show next to your gifts."];
  else {
    try {
      normalizeDisplayName(fields.name);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      errors.name = [error.message];
    }
  }
  if (!EMAIL.test(fields.email.trim())) errors.email = ["Enter a valid email address."];
  if (fields.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = [`Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`];
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.dateOfBirth)) {
    errors.dateOfBirth = ["Enter your date of birth."];
  } else if (fields.dateOfBirth > today) {
    errors.dateOfBirth = ["Your date of birth can't be in the future."];
  } else {
    const age = checkSignUpAge(
      new Date(fields.dateOfBirth),
      fields.region || "US",
      new Date(today),
    );
    if (!age.allowed) errors.dateOfBirth = [age.message];
  }
  if (!/^[A-Z]{2}$/.test(fields.region)) errors.region = ["Choose your region."];
  if (fields.acceptedGuidelinesVersion === null) {
    errors.acceptedGuidelinesVersion = ["Read and accept the community guidelines to continue."];
  }
  return errors;
}

/** Sign-in needs both fields; the API says whether they match. */
export function validateSignIn(email: string, password: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!EMAIL.test(email.trim())) errors.email = ["Enter the email address of your account."];
  if (password === "") errors.password = ["Enter your password."];
  return errors;
}
