import type { Sql, Tx } from "@coinstream/db";

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

/**
 * Audits a read that names no single row (a review queue, a ledger check): what was read and
 * `details` such as how many rows it showed.
 */
export function recordAdminRead(
  tx: Sql | Tx,
  adminUserId: string,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAdminAction(tx, { adminUserId, action, targetType: null, targetId: null, details });
}
