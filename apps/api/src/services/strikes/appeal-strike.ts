import { DomainError, DomainErrorCode } from "@coinstream/core";
import { recordAdminAction, recordAdminRead } from "../admin/record-admin-action.ts";
import type { AdminContext, CreatorContext } from "../service-context.ts";

/**
 * A creator appeals one of their own strikes, once. Another creator's strike answers NOT_FOUND;
 * a second appeal, or one of a withdrawn strike, CONFLICT.
 */
export async function appealStrike(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  input: { readonly strikeId: string; readonly message: string },
) {
  const [strike] = await sql<{ withdrawn: boolean }[]>`
    select withdrawn_at is not null as withdrawn from creator_strikes
    where id = ${input.strikeId} and creator_user_id = ${userId}`;
  if (!strike) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such strike on your account.");
  if (strike.withdrawn) {
    throw new DomainError(DomainErrorCode.CONFLICT, "That strike was already withdrawn.");
  }
  const [appeal] = await sql<{ id: string }[]>`
    insert into strike_appeals (strike_id, creator_user_id, message)
    values (${input.strikeId}, ${userId}, ${input.message})
    on conflict (strike_id) do nothing
    returning id`;
  if (!appeal) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      "You already appealed this strike; each strike can be appealed once.",
    );
  }
  return { appealId: appeal.id, status: "open" as const };
}

/** Appeals waiting for an admin, oldest first, with their strike. Audited (it names creators). */
export async function listOpenAppeals({
  sql,
  admin: { userId: adminUserId },
}: Pick<AdminContext, "sql" | "admin">) {
  return sql.begin(async (tx) => {
    const rows = await tx<
      {
        id: string;
        strike_id: string;
        creator_user_id: string;
        handle: string;
        message: string;
        created_at: Date;
        reason: string;
        issued_at: Date;
      }[]
    >`
      select a.id, a.strike_id, a.creator_user_id, c.handle, a.message, a.created_at, s.reason, s.issued_at
      from strike_appeals a join creator_strikes s on s.id = a.strike_id
      join creators c on c.user_id = a.creator_user_id
      where a.decision is null order by a.created_at limit 200`;
    await recordAdminRead(tx, adminUserId, "list_appeals", { count: rows.length });
    return rows.map((row) => ({
      appealId: row.id,
      strikeId: row.strike_id,
      creatorUserId: row.creator_user_id,
      handle: row.handle,
      message: row.message,
      appealedAt: new Date(row.created_at).toISOString(),
      strikeReason: row.reason,
      strikeIssuedAt: new Date(row.issued_at).toISOString(),
    }));
  });
}

/**
 * Decides an open appeal: `uphold` keeps the strike, `withdraw` stops it counting at once (a
 * suspension it helped trigger ends or shrinks with it). Audited; a decided appeal answers
 * CONFLICT. A per-process creator cache must be invalidated for the creator after commit.
 */
export async function decideAppeal(
  { sql, admin: { userId: adminUserId } }: Pick<AdminContext, "sql" | "admin">,
  input: {
    readonly appealId: string;
    readonly decision: "uphold" | "withdraw";
    readonly note: string;
  },
) {
  return sql.begin(async (tx) => {
    const [appeal] = await tx<
      { strike_id: string; creator_user_id: string; decision: string | null }[]
    >`
      select strike_id, creator_user_id, decision from strike_appeals where id = ${input.appealId} for update`;
    if (!appeal) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such appeal.");
    if (appeal.decision !== null) {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        `This appeal was already ${appeal.decision}.`,
      );
    }
    const decision = input.decision === "withdraw" ? "withdrawn" : "upheld";
    await tx`
      update strike_appeals set decision = ${decision}, decided_at = now(), decided_by = ${adminUserId},
             note = ${input.note}
      where id = ${input.appealId}`;
    if (decision === "withdrawn") {
      await tx`update creator_strikes set withdrawn_at = now() where id = ${appeal.strike_id}`;
    }
    await recordAdminAction(tx, {
      adminUserId,
      action: `appeal_${decision}`,
      targetType: "user",
      targetId: appeal.creator_user_id,
      details: { appealId: input.appealId, strikeId: appeal.strike_id, note: input.note },
    });
    return { appealId: input.appealId, strikeId: appeal.strike_id, decision };
  });
}
