import {
  type CapSet,
  changeSpendingLimits,
  checkGuardian,
  DomainError,
  DomainErrorCode,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { loadLimitSettings, saveLimitSettings } from "../limits/limit-settings-store.ts";
import type { ViewerContext } from "../service-context.ts";

export type GuardianRole = "guardian" | "supervised";

/** What supervision means for an account's spending right now. */
export interface Supervision {
  readonly hasGuardian: boolean;
  readonly guardianUserId: string | null;
  /** The link's id: what the guardian knows the supervised account by (never its user id). */
  readonly linkId: string | null;
  readonly mayPurchase: boolean;
}

/**
 * The account's supervision. A link counts only while its guardian meets `checkGuardian` (an
 * adult who passed the card check, with an account older than the supervised one), so links made
 * before those rules supervise nothing until the guardian passes the card check.
 */
export async function getSupervision(
  sql: Sql,
  userId: string,
  now: Date = new Date(),
): Promise<Supervision> {
  const [link] = await sql<GuardianLinkRow[]>`
    select l.id, l.guardian_user_id, l.may_purchase, g.date_of_birth, g.region,
           g.created_at as guardian_created_at, g.adult_verified_at,
           s.created_at as supervised_created_at
    from guardian_links l
    join users g on g.id = l.guardian_user_id
    join users s on s.id = l.supervised_user_id
    where l.supervised_user_id = ${userId}`;
  return supervisionOf(link, now);
}

/** A supervised account's guardian link as read with its guardian (and the account's creation). */
export interface GuardianLinkRow {
  readonly id: string;
  readonly guardian_user_id: string;
  readonly may_purchase: boolean;
  readonly date_of_birth: Date;
  readonly region: string;
  readonly guardian_created_at: Date;
  readonly adult_verified_at: Date | null;
  readonly supervised_created_at: Date;
}

/** What a link (or none) means for spending at `now`: `getSupervision` on a row read elsewhere. */
export function supervisionOf(link: GuardianLinkRow | undefined, now: Date): Supervision {
  const counts =
    link !== undefined &&
    checkGuardian(
      {
        dateOfBirth: new Date(link.date_of_birth),
        region: link.region,
        accountCreatedAt: new Date(link.guardian_created_at),
        adultVerified: link.adult_verified_at !== null,
      },
      new Date(link.supervised_created_at),
      now,
    ).allowed;
  return {
    hasGuardian: counts,
    guardianUserId: counts ? link.guardian_user_id : null,
    linkId: counts ? link.id : null,
    mayPurchase: counts && link.may_purchase,
  };
}

/**
 * The guardian sets the supervised account's caps (0 blocks spending) and whether it may buy
 * coins. Their caps apply at once either way; the supervised account cannot change them. A link
 * the caller does not guard answers NOT_FOUND, whoever it belongs to.
 */
export async function setGuardianControls(
  { sql, viewer: guardian, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  {
    linkId,
    ...controls
  }: { readonly linkId: string; readonly caps?: CapSet; readonly mayPurchase?: boolean },
) {
  await sql.begin(async (tx) => {
    const [link] = await tx<{ supervised_user_id: string }[]>`
      update guardian_links set may_purchase = coalesce(${controls.mayPurchase ?? null}::boolean, may_purchase)
      where id = ${linkId} and guardian_user_id = ${guardian.userId}
      returning supervised_user_id`;
    if (!link) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, "You are not the guardian on that link.");
    }
    if (controls.caps) {
      const supervisedUserId = link.supervised_user_id;
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
  return { updated: true };
}

/** The caller's notifications, newest first (a guardian hears of each supervised purchase). */
export async function listNotifications({ sql, viewer }: Pick<ViewerContext, "sql" | "viewer">) {
  const userId = viewer.userId;
  const rows = await sql<{ kind: string; payload: Record<string, unknown>; created_at: Date }[]>`
    select kind, payload, created_at from notifications where user_id = ${userId}
    order by created_at desc limit 100`;
  return rows.map((row) => {
    // Notifications written before links had ids to show named the supervised user's id.
    const { supervisedUserId: _, ...payload } = row.payload;
    return { kind: row.kind, payload, at: new Date(row.created_at).toISOString() };
  });
}
