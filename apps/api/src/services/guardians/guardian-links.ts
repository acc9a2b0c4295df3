import { randomUUID } from "node:crypto";
import {
  ageOn,
  type CapSet,
  changeSpendingLimits,
  DomainError,
  DomainErrorCode,
  getRegionRules,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { Viewer } from "../../trpc/context.ts";
import { loadLimitSettings, saveLimitSettings } from "../limits/limit-settings-store.ts";

export type GuardianRole = "guardian" | "supervised";

/** What supervision means for an account's spending right now. */
export interface Supervision {
  readonly hasGuardian: boolean;
  readonly guardianUserId: string | null;
  readonly mayPurchase: boolean;
}

export async function getSupervision(sql: Sql, userId: string): Promise<Supervision> {
  const [link] = await sql<{ guardian_user_id: string; may_purchase: boolean }[]>`
    select guardian_user_id, may_purchase from guardian_links
    where supervised_user_id = ${userId} and awaiting is null`;
  return {
    hasGuardian: Boolean(link),
    guardianUserId: link?.guardian_user_id ?? null,
    mayPurchase: link?.may_purchase ?? false,
  };
}

function refuse(message: string): never {
  throw new DomainError(DomainErrorCode.FORBIDDEN_CHANGE, message);
}

/**
 * Proposes a guardian link with the account that uses `otherEmail`; `myRole` says which side
 * the caller takes. The other side confirms with `confirmGuardianLink`. Guardians must be adults
 * in their region; an account has one guardian at most.
 */
export async function proposeGuardianLink(
  sql: Sql,
  me: Viewer,
  otherEmail: string,
  myRole: GuardianRole,
  now: Date,
) {
  const [other] = await sql<{ id: string; date_of_birth: Date; region: string }[]>`
    select id, date_of_birth, region from users where lower(email) = lower(${otherEmail})`;
  if (!other)
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "No Coinstream account uses that email address.",
    );
  if (other.id === me.userId) refuse("You cannot be your own guardian.");
  const guardian =
    myRole === "guardian"
      ? { birth: me.dateOfBirth, region: me.region }
      : { birth: other.date_of_birth, region: other.region };
  if (ageOn(guardian.birth, now) < getRegionRules(guardian.region).minAge)
    refuse("A guardian must be an adult.");

  const id = randomUUID();
  const [guardianId, supervisedId] =
    myRole === "guardian" ? [me.userId, other.id] : [other.id, me.userId];
  const inserted = await sql`
    insert into guardian_links (id, guardian_user_id, supervised_user_id, awaiting)
    values (${id}, ${guardianId}, ${supervisedId}, ${myRole === "guardian" ? "supervised" : "guardian"})
    on conflict (supervised_user_id) do nothing`;
  if (inserted.count === 0) refuse("That account already has a guardian or a pending request.");
  return {
    linkId: id,
    awaiting: myRole === "guardian" ? ("supervised" as const) : ("guardian" as const),
  };
}

/** The side the link is waiting for confirms it; supervision starts now. */
export async function confirmGuardianLink(sql: Sql, me: Viewer, linkId: string) {
  const updated = await sql`
    update guardian_links set awaiting = null, activated_at = now()
    where id = ${linkId} and (
      (awaiting = 'guardian' and guardian_user_id = ${me.userId}) or
      (awaiting = 'supervised' and supervised_user_id = ${me.userId}))`;
  if (updated.count === 0) refuse("There is no guardian request waiting for you to confirm.");
}

/**
 * The guardian sets the supervised account's caps (0 blocks spending) and whether it may buy
 * coins. Their caps apply at once either way; the supervised account cannot change them.
 */
export async function setGuardianControls(
  sql: Sql,
  guardian: Viewer,
  supervisedUserId: string,
  controls: { readonly caps?: CapSet; readonly mayPurchase?: boolean },
  now: Date,
) {
  return sql.begin(async (tx) => {
    const updated = await tx`
      update guardian_links set may_purchase = coalesce(${controls.mayPurchase ?? null}::boolean, may_purchase)
      where guardian_user_id = ${guardian.userId} and supervised_user_id = ${supervisedUserId} and awaiting is null`;
    if (updated.count === 0) refuse("You are not the confirmed guardian of that account.");
    if (controls.caps) {
      await tx`insert into spending_limits (user_id, settings) values (${supervisedUserId}, '{}') on conflict do nothing`;
      const current = await loadLimitSettings(tx, supervisedUserId, now, true);
      const { settings } = changeSpendingLimits(
        current,
        { guardian: controls.caps },
        "guardian",
        now,
      );
      await saveLimitSettings(tx, supervisedUserId, settings);
    }
  });
}
