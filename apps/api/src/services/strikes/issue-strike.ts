import { DomainError, DomainErrorCode, normalizeCreatorHandle } from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import { recordAdminAction } from "../admin/record-admin-action.ts";
import type { AdminContext } from "../service-context.ts";

export interface StrikeInput {
  readonly creatorUserId: string;
  readonly reason: string;
  readonly reportId: string | null;
}

/**
 * Writes a strike and its audit row inside the caller's transaction. The creator's standing
 * (and a suspension) follows from the strikes at every read; a per-process creator cache must be
 * invalidated for `creatorUserId` after commit.
 */
export async function insertStrike(tx: Tx, adminUserId: string, input: StrikeInput) {
  const [row] = await tx<{ id: string; issued_at: Date }[]>`
    insert into creator_strikes (creator_user_id, reason, report_id, issued_by)
    values (${input.creatorUserId}, ${input.reason}, ${input.reportId}, ${adminUserId})
    returning id, issued_at`;
  const strike = row as { id: string; issued_at: Date };
  await recordAdminAction(tx, {
    adminUserId,
    action: "issue_strike",
    targetType: "user",
    targetId: input.creatorUserId,
    details: { strikeId: strike.id, reason: input.reason, reportId: input.reportId },
  });
  return { strikeId: strike.id, issuedAt: new Date(strike.issued_at).toISOString() };
}

/** An admin's strike against the creator `handle` names, not from a report. */
export async function issueStrike(
  { sql, admin: { userId: adminUserId } }: Pick<AdminContext, "sql" | "admin">,
  input: { readonly handle: string; readonly reason: string },
) {
  const handle = normalizeCreatorHandle(input.handle);
  const [creator] = handle
    ? await sql<{ user_id: string }[]>`select user_id from creators where handle = ${handle}`
    : [];
  if (!creator) throw new DomainError(DomainErrorCode.NOT_FOUND, "No creator has that handle.");
  return sql.begin((tx) =>
    insertStrike(tx, adminUserId, {
      creatorUserId: creator.user_id,
      reason: input.reason,
      reportId: null,
    }),
  );
}
