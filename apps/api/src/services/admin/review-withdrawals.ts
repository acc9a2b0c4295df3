import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import { reservationIdFor, resolveReservation } from "../payouts/withdrawals.ts";
import type { AdminContext } from "../service-context.ts";
import { recordAdminAction, recordAdminRead } from "./record-admin-action.ts";

/**
 * Withdrawals core's fraud rules held for review, oldest first, with why and who asked. It shows
 * creators' earnings and payout labels, so the read itself is audited.
 */
export async function listFlaggedWithdrawals({ sql, admin }: Pick<AdminContext, "sql" | "admin">) {
  const adminUserId = admin.userId;
  return sql.begin(async (tx) => {
    const rows = await tx<
      {
        id: string;
        user_id: string;
        handle: string | null;
        email: string | null;
        diamonds: bigint;
        net_usd_minor: bigint;
        method: string;
        label: string | null;
        flag_reason: string | null;
        created_at: Date;
      }[]
    >`
      select w.id, w.user_id, c.handle, u.email, w.diamonds, w.net_usd_minor, w.method, p.label,
             w.flag_reason, w.created_at
      from withdrawals w
      left join creators c on c.user_id = w.user_id
      left join users u on u.id = w.user_id
      left join payout_methods p on p.user_id = w.user_id
      where w.status = 'review' order by w.created_at limit 200`;
    await recordAdminRead(tx, adminUserId, "list_flagged_withdrawals", { count: rows.length });
    return rows.map((row) => ({
      withdrawalId: row.id,
      userId: row.user_id,
      handle: row.handle,
      email: row.email,
      diamonds: Number(row.diamonds),
      netUsdMinor: Number(row.net_usd_minor),
      method: row.method,
      label: row.label,
      flagReasons: (row.flag_reason ?? "").split("\n").filter(Boolean),
      createdAt: row.created_at.toISOString(),
    }));
  });
}

/** Locks a withdrawal that must be in review, or says why it is not. */
async function lockInReview(tx: Tx, id: string) {
  const [row] = await tx<
    { user_id: string; status: string; diamonds: bigint; method: string; created_at: Date }[]
  >`
    select user_id, status, diamonds, method, created_at from withdrawals where id = ${id} for update`;
  if (!row) throw new DomainError(DomainErrorCode.NOT_FOUND, "No withdrawal has that id.");
  if (row.status !== "review") {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `This withdrawal is not waiting for review (it is ${row.status}).`,
      { status: row.status },
    );
  }
  return row;
}

/**
 * Releases a flagged withdrawal to the payout job (review -> pending), which then pays it. When
 * the creator's payout method is under review and this withdrawal goes to it as it is now (not
 * changed since the request), the approval closes that review too.
 */
export async function approveWithdrawal(
  { sql, admin }: Pick<AdminContext, "sql" | "admin">,
  input: { id: string },
) {
  const adminUserId = admin.userId;
  return sql.begin(async (tx) => {
    const row = await lockInReview(tx, input.id);
    const [reservation] = await tx<{ open: boolean }[]>`
      select (timeout_at is null or timeout_at > now() + interval '1 hour')
             and not exists (select 1 from ledger_transfers x where x.pending_id = r.id) as open
      from ledger_transfers r where r.id = ${reservationIdFor(input.id)}`;
    if (!reservation?.open) {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        "This withdrawal's reservation has ended or is about to; the creator must request it again.",
      );
    }
    await tx`
      update withdrawals set status = 'pending', reviewed_by = ${adminUserId}, reviewed_at = now()
      where id = ${input.id}`;
    const approvedMethod = await tx`
      update payout_methods set review_opened_at = null
      where user_id = ${row.user_id} and review_opened_at is not null and method = ${row.method}
        and updated_at <= ${row.created_at}`;
    await recordAdminAction(tx, {
      adminUserId,
      action: "approve_withdrawal",
      targetType: "withdrawal",
      targetId: input.id,
      details: {
        userId: row.user_id,
        diamonds: Number(row.diamonds),
        payoutMethodApproved: approvedMethod.count > 0,
      },
    });
    return { withdrawalId: input.id, status: "pending" as const };
  });
}

/**
 * Refuses a flagged withdrawal (review -> failed): its reservation is voided, so the diamonds
 * are available again, and the creator sees `reason`. The void's id comes from the withdrawal,
 * so a retried or racing rejection voids once; it is written while the row is locked, before
 * the status and audit row commit together.
 */
export async function rejectWithdrawal(
  { sql, ledger, admin }: Pick<AdminContext, "sql" | "ledger" | "admin">,
  input: { id: string; reason: string },
) {
  const adminUserId = admin.userId;
  return sql.begin(async (tx) => {
    const row = await lockInReview(tx, input.id);
    const result = await resolveReservation(ledger, input.id, "void_pending");
    if (!["ok", "exists", "pending_transfer_already_voided"].includes(result)) {
      throw new Error(`could not void the reservation of withdrawal ${input.id}: ${result}`);
    }
    await tx`
      update withdrawals set status = 'failed', failure_reason = ${input.reason},
        reviewed_by = ${adminUserId}, reviewed_at = now(), settled_at = now()
      where id = ${input.id}`;
    await recordAdminAction(tx, {
      adminUserId,
      action: "reject_withdrawal",
      targetType: "withdrawal",
      targetId: input.id,
      details: { userId: row.user_id, diamonds: Number(row.diamonds), reason: input.reason },
    });
    return { withdrawalId: input.id, status: "failed" as const };
  });
}
