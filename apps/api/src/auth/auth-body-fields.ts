import { z } from "zod";
import { dateOfBirthSchema, regionSchema } from "./account-fields.ts";
import { fieldError } from "./field-error.ts";
import { assertSignUpAge, toDisplayName } from "./sign-up-rules.ts";

/** Better Auth's password length rule (`ctx.context.password.config`). */
export interface PasswordLimits {
  readonly minPasswordLength: number;
  readonly maxPasswordLength: number;
}

type Body = Readonly<Record<string, unknown>>;

/** The email check Better Auth's own schemas make, so nothing it would take is refused here. */
const emailSchema = z.email();

function assertEmail(email: unknown): void {
  if (!emailSchema.safeParse(email).success) {
    throw fieldError("email", "INVALID_EMAIL", "Enter a valid email address.");
  }
}

function assertPasswordGiven(password: unknown, field: string): void {
  if (typeof password !== "string" || password === "") {
    throw fieldError(field, "INVALID_PASSWORD", "Enter your password.");
  }
}

function assertNewPassword(password: unknown, limits: PasswordLimits, field: string): void {
  assertPasswordGiven(password, field);
  const { length } = password as string;
  if (length < limits.minPasswordLength) {
    throw fieldError(
      field,
      "PASSWORD_TOO_SHORT",
      `Use at least ${limits.minPasswordLength} characters for your password.`,
    );
  }
  if (length > limits.maxPasswordLength) {
    throw fieldError(
      field,
      "PASSWORD_TOO_LONG",
      `Use at most ${limits.maxPasswordLength} characters for your password.`,
    );
  }
}

const ACCOUNT_FIELDS = {
  dateOfBirth: { label: "Date of birth", schema: dateOfBirthSchema },
  region: { label: "Region", schema: regionSchema },
} as const;

type AccountField = keyof typeof ACCOUNT_FIELDS;

/** A date of birth or region as the user table's validators take it, refused with its field. */
function assertAccountField(field: AccountField, value: unknown): void {
  const { label, schema } = ACCOUNT_FIELDS[field];
  if (value === undefined) throw fieldError(field, "MISSING_FIELD", `${label} is required.`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw fieldError(field, "VALIDATION_ERROR", parsed.error.issues[0]?.message ?? label);
  }
}

/** Sign-up's fields in the form's order; the first a person must fix is refused. */
function assertSignUpFields(body: Body, limits: PasswordLimits, now: Date): void {
  toDisplayName(body.name);
  assertEmail(body.email);
  assertNewPassword(body.password, limits, "password");
  assertAccountField("dateOfBirth", body.dateOfBirth);
  assertAccountField("region", body.region);
  assertSignUpAge(body.dateOfBirth, body.region, now);
}

function assertUpdateUserFields(body: Body): void {
  if ("name" in body) toDisplayName(body.name);
  for (const field of Object.keys(ACCOUNT_FIELDS) as AccountField[]) {
    if (field in body) {
      // Age and region decide what an account may buy; support changes them, not the user.
      throw fieldError(
        field,
        "FIELD_FIXED_AFTER_SIGN_UP",
        `${ACCOUNT_FIELDS[field].label} cannot be changed after sign-up.`,
      );
    }
  }
}

/** The fields a person types into each auth route's form. */
const FIELD_CHECKS: Readonly<
  Record<string, (body: Body, limits: PasswordLimits, now: Date) => void>
> = {
  "/sign-up/email": assertSignUpFields,
  "/sign-in/email": (body) => {
    assertEmail(body.email);
    assertPasswordGiven(body.password, "password");
  },
  "/update-user": assertUpdateUserFields,
  "/request-password-reset": (body) => assertEmail(body.email),
  "/reset-password": (body, limits) => assertNewPassword(body.newPassword, limits, "newPassword"),
  "/change-password": (body, limits) => {
    assertPasswordGiven(body.currentPassword, "currentPassword");
    assertNewPassword(body.newPassword, limits, "newPassword");
  },
};

/**
 * Checks what a person typed into an auth route's form before Better Auth reads the body, and
 * refuses the first problem with `{ code, message, field }` (`fieldError`): Better Auth's own
 * body validation answers `VALIDATION_ERROR` with the field only inside its message
 * ("[body.email] Invalid email address"). Sign-up is checked before the email is looked up, so
 * a refusal says nothing about whether an account uses it.
 */
export function assertAuthBodyFields(
  path: string,
  body: unknown,
  limits: PasswordLimits,
  now: Date,
): void {
  const check = FIELD_CHECKS[path];
  if (!check || typeof body !== "object" || body === null) return;
  check(body as Body, limits, now);
}
