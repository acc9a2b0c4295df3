import { checkLedger } from "@coinstream/db";
import type { AdminContext } from "../service-context.ts";
import { recordAdminRead } from "./record-admin-action.ts";

/**
 * Runs `checkLedger()` (debits equal credits per asset, no user account overdrawn, totals equal
 * their transfers, no transfer naming a missing account) and returns every violation, amounts as
 * decimal strings. It reads every balance, so the run is audited.
 */
export async function runLedgerCheck({ sql, admin }: Pick<AdminContext, "sql" | "admin">) {
  const adminUserId = admin.userId;
  const violations = await checkLedger(sql);
  await recordAdminRead(sql, adminUserId, "run_ledger_check", { violations: violations.length });
  return {
    ok: violations.length === 0,
    violations: violations.map((violation) =>
      Object.fromEntries(
        Object.entries(violation).map(([key, value]) => [
          key,
          typeof value === "bigint" ? value.toString() : value,
        ]),
      ),
    ) as Record<string, string>[],
  };
}
