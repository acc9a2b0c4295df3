import { DomainError, DomainErrorCode } from "@coinstream/core";
import { accountId } from "@coinstream/db";
import type { AdminContext } from "../service-context.ts";
import { viewerWalletRef } from "../wallet/viewer-wallet.ts";
import { recordAdminAction } from "./record-admin-action.ts";

/**
 * Freezes an account: it can still sign in and read, but buys, spends and withdraws nothing
 * (`ACCOUNT_FROZEN`), and as a creator receives no gifts. Takes the person's lock (withdrawals)
 * and their wallet's row lock (spends), so a spend or withdrawal already under way finishes first
 * and every later one sees the freeze. Freezing a frozen
 * account replaces the reason and keeps the original time.
 */
export async function freezeAccount(
  { sql, admin }: Pick<AdminContext, "sql" | "admin">,
  input: { readonly userId: string; readonly reason: string },
) {
  const adminUserId = admin.userId;
  if (input.userId === adminUserId) {
    throw new DomainError(DomainErrorCode.FORBIDDEN_CHANGE, "You cannot freeze your own account.");
  }
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${input.userId}, 0))`;
    // Spends are decided in the ledger's batch under the wallet's row lock: taking it here lets
    // a batch under way commit first, and every later batch reads the freeze.
    await tx`select id from ledger_accounts where id = ${accountId(viewerWalletRef(input.userId))} for update`;
    const [before] = await tx<{ frozen_reason: string | null }[]>`
      select frozen_reason from users where id = ${input.userId} for update`;
    if (!before) throw new DomainError(DomainErrorCode.NOT_FOUND, "No account has that id.");
    const [after] = await tx<{ frozen_at: Date }[]>`
      update users set frozen_at = coalesce(frozen_at, now()), frozen_reason = ${input.reason}
      where id = ${input.userId} returning frozen_at`;
    await recordAdminAction(tx, {
      adminUserId,
      action: "freeze",
      targetType: "user",
      targetId: input.userId,
      details: { reason: input.reason, previousReason: before.frozen_reason },
    });
    return {
      userId: input.userId,
      frozen: true as const,
      frozenAt: (after?.frozen_at ?? new Date()).toISOString(),
      reason: input.reason,
    };
  });
}

/** Lifts a freeze; an account that is not frozen is a `CONFLICT` (nothing changes, no audit row). */
export async function unfreezeAccount(
  { sql, admin }: Pick<AdminContext, "sql" | "admin">,
  input: { readonly userId: string },
) {
  const adminUserId = admin.userId;
  return sql.begin(async (tx) => {
    const [before] = await tx<{ frozen_at: Date | null; frozen_reason: string | null }[]>`
      select frozen_at, frozen_reason from users where id = ${input.userId} for update`;
    if (!before) throw new DomainError(DomainErrorCode.NOT_FOUND, "No account has that id.");
    if (!before.frozen_at) {
      throw new DomainError(DomainErrorCode.CONFLICT, "This account is not frozen.");
    }
    await tx`update users set frozen_at = null, frozen_reason = null where id = ${input.userId}`;
    await recordAdminAction(tx, {
      adminUserId,
      action: "unfreeze",
      targetType: "user",
      targetId: input.userId,
      details: { reason: before.frozen_reason, frozenAt: before.frozen_at.toISOString() },
    });
    return { userId: input.userId, frozen: false as const };
  });
}
