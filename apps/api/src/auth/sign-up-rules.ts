import { checkSignUpAge, isDomainError, normalizeDisplayName } from "@coinstream/core";
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { dateOfBirthSchema, regionSchema } from "./account-fields.ts";
import { fieldError } from "./field-error.ts";

/**
 * Refuses an account for someone under the sign-up age (13, or the region's higher age), on the
 * date of birth. Fields that do not parse are refused by `assertAuthBodyFields` first.
 */
export function assertSignUpAge(dateOfBirth: unknown, region: unknown, now: Date): void {
  const dob = dateOfBirthSchema.safeParse(dateOfBirth);
  const code = regionSchema.safeParse(region);
  if (!dob.success || !code.success) return;
  const decision = checkSignUpAge(dob.data, code.data, now);
  if (!decision.allowed) {
    throw fieldError("dateOfBirth", "UNDER_SIGN_UP_AGE", decision.message);
  }
}

/** The display name as stored (core's rules: trimmed, one line, at most 50 characters). */
export function toDisplayName(name: unknown): string {
  try {
    return normalizeDisplayName(typeof name === "string" ? name : "");
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw fieldError("name", "INVALID_DISPLAY_NAME", error.message);
  }
}

type AuthDb = PostgresJsDatabase<Record<string, unknown>>;

/** The guidelines version in effect, and the latest published (which may be ahead of it). */
async function guidelinesVersions(db: AuthDb) {
  const rows = await db.execute<{ current: number | null; latest: number | null }>(
    sql`select max(version) filter (where effective_at <= now()) as current, max(version) as latest
        from guidelines_versions`,
  );
  return { current: rows[0]?.current ?? null, latest: rows[0]?.latest ?? null };
}

/**
 * Refuses a sign-up that does not accept the community guidelines: the body's
 * `acceptedGuidelinesVersion` must name the version in effect or a later published one
 * (`guidelines.current` serves the text), so nobody accepts a version they were not shown.
 */
export async function assertGuidelinesAcceptedAtSignUp(db: AuthDb, accepted: unknown) {
  const { current, latest } = await guidelinesVersions(db);
  if (current === null) return;
  const isKnown = typeof accepted === "number" && accepted >= current && accepted <= (latest ?? 0);
  if (isKnown) return;
  throw fieldError(
    "acceptedGuidelinesVersion",
    "GUIDELINES_NOT_ACCEPTED",
    `Read and accept the community guidelines (version ${current}) to create an account.`,
    { version: current },
  );
}

/** Records the acceptance a sign-up carried, once its user exists. */
export async function recordSignUpAcceptance(db: AuthDb, userId: string, accepted: unknown) {
  if (typeof accepted !== "number" || !Number.isSafeInteger(accepted)) return;
  await db.execute(sql`
    insert into guidelines_acceptances (user_id, version)
    select ${userId}, version from guidelines_versions where version = ${accepted}
    on conflict do nothing`);
}
