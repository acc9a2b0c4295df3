import { randomUUID } from "node:crypto";
import { checkGuardian, DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { z } from "zod";
import type { PaymentsContext } from "../service-context.ts";

export type StartedAgeCheck = { readonly verified: true } | { readonly url: string };

/**
 * Starts the card check a would-be guardian passes to prove they are an adult: the provider's
 * page (Stripe Checkout in setup mode, or the sandbox's), whose webhook sets
 * `users.adult_verified_at`. Only adults by date of birth may start one; someone already
 * verified is told so instead.
 */
export async function startAgeCheck({
  sql,
  payments: provider,
  viewer: me,
  now,
}: PaymentsContext): Promise<StartedAgeCheck> {
  const [user] = await sql<{ adult_verified_at: Date | null }[]>`
    select adult_verified_at from users where id = ${me.userId}`;
  if (user?.adult_verified_at) return { verified: true };
  const decision = checkGuardian(
    {
      dateOfBirth: me.dateOfBirth,
      region: me.region,
      accountCreatedAt: me.createdAt,
      adultVerified: true,
    },
    null,
    now,
  );
  if (!decision.allowed) throw new DomainError(DomainErrorCode.FORBIDDEN_CHANGE, decision.message);

  const ageCheckId = randomUUID();
  await sql`
    insert into age_checks (id, user_id, provider, created_at)
    values (${ageCheckId}, ${me.userId}, ${provider.name}, ${now})`;
  const session = await provider.startAgeCheck({ ageCheckId, customerEmail: me.email });
  await sql`update age_checks set provider_session_id = ${session.sessionId} where id = ${ageCheckId}`;
  return { url: session.url };
}

export interface AgeCheckOutcome {
  readonly ageCheckId: string;
  /** The provider's session the event names: it must be the one this check started. */
  readonly sessionId: string;
  readonly outcome: "verified" | "failed";
}

/**
 * Records a card check's outcome once (later deliveries change nothing); a verified one marks
 * its account's holder an adult from now on.
 */
export async function recordAgeCheck(
  sql: Sql,
  { ageCheckId, sessionId, outcome }: AgeCheckOutcome,
  now: Date,
): Promise<string> {
  if (!z.uuid().safeParse(ageCheckId).success) return "unknown_age_check";
  return sql.begin(async (tx) => {
    const [check] = await tx<{ user_id: string }[]>`
      update age_checks set status = ${outcome}, completed_at = ${now}
      where id = ${ageCheckId} and provider_session_id = ${sessionId} and status = 'pending'
      returning user_id`;
    if (!check) return "age_check_already_recorded_or_unknown";
    if (outcome === "verified") {
      await tx`
        update users set adult_verified_at = coalesce(adult_verified_at, ${now})
        where id = ${check.user_id}`;
    }
    return `age_check_${outcome}`;
  });
}
