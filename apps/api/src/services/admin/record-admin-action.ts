import type { Sql, Tx } from "@coinstream/db";

/** A transaction handle, as `sql.begin` passes it. */

export interface AdminAction {
  readonly adminUserId: string;
  /** freeze, unfreeze, approve_withdrawal, reject_withdrawal, run_ledger_check... */
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly details?: Record<string, unknown>;
}

/**
 * Appends an `admin_audit` row. Call it inside the transaction that makes the change, so there
 * is never a change without its row, nor a row for a change that rolled back.
 */
export async function recordAdminAction(tx: Sql | Tx, action: AdminAction): Promise<void> {
  await tx`
    insert into admin_audit (admin_user_id, action, target_type, target_id, details)
    values (${action.adminUserId}, ${action.action}, ${action.targetType}, ${action.targetId},
            ${tx.json(JSON.parse(JSON.stringify(action.details ?? {})))})`;
}
