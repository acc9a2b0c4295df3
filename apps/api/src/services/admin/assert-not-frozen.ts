import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

type Queryable = Sql | Parameters<Parameters<Sql["begin"]>[1]>[0];

/**
 * Refuses with `ACCOUNT_FROZEN` when an admin has frozen the account. Read from the users table
 * each time (not from the session), so a freeze applies to the very next request.
 */
export async function assertNotFrozen(sql: Queryable, userId: string): Promise<void> {
  const [row] = await sql<{ frozen_reason: string | null }[]>`
    select frozen_reason from users where id = ${userId} and frozen_at is not null`;
  if (row) throw accountFrozenError(row.frozen_reason);
}

export function accountFrozenError(reason: string | null): DomainError {
  const why = (reason ?? "under review").trim().replace(/[.!\s]+$/, "");
  return new DomainError(
    DomainErrorCode.ACCOUNT_FROZEN,
    `Your account is frozen: ${why}. To ask why or appeal, open a support ticket from the wallet (Support).`,
    { reason },
  );
}
