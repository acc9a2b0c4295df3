import { type CapSet, changeSpendingLimits, DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { Viewer } from "../../trpc/context.ts";
import { loadLimitSettings, saveLimitSettings } from "../limits/limit-settings-store.ts";

export type GuardianRole = "guardian" | "supervised";

/** What supervision means for an account's spending right now. */
export interface Supervision {
  readonly hasGuardian: boolean;
  readonly guardianUserId: string | null;
  /** The link's id: what the guardian knows the supervised account by (never its user id). */
  readonly linkId: string | null;
  readonly mayPurchase: boolean;
}

export async function getSupervision(sql: Sql, userId: string): Promise<Supervision> {
  const [link] = await sql<{ id: string; guardian_user_id: string; may_purchase: boolean }[]>`
    select id, guardian_user_id, may_purchase from guardian_links where supervised_user_id = ${userId}`;
  return {
    hasGuardian: Boolean(link),
    guardianUserId: link?.guardian_user_id ?? null,
    linkId: link?.id ?? null,
    mayPurchase: link?.may_purchase ?? false,
  };
}

/**
 * The guardian sets the supervised account's caps (0 blocks spending) and whether it may buy
 * coins. Their caps apply at once either way; the supervised account cannot change them. A link
 * the caller does not guard answers NOT_FOUND, whoever it belongs to.
 */
export async function setGuardianControls(
  sql: Sql,
  guardian: Viewer,
  linkId: string,
  controls: { readonly caps?: CapSet; readonly mayPurchase?: boolean },
  now: Date,
) {
  return sql.begin(async (tx) => {
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
}

/** The caller's notifications, newest first (a guardian hears of each supervised purchase). */
export async function listNotifications(sql: Sql, userId: string) {
  const rows = await sql<{ kind: string; payload: Record<string, unknown>; created_at: Date }[]>`
    select kind, payload, created_at from notifications where user_id = ${userId}
    order by created_at desc limit 100`;
  return rows.map((row) => {
    // Notifications written before links had ids to show named the supervised user's id.
    const { supervisedUserId: _, ...payload } = row.payload;
    return { kind: row.kind, payload, at: new Date(row.created_at).toISOString() };
  });
}
