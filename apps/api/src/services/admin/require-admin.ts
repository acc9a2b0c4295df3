import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

/**
 * The caller as an admin, or FORBIDDEN: `users.role = 'admin'` read from the database on every
 * call (never from the session), on an account that is not frozen.
 */
export async function requireAdmin(sql: Sql, userId: string): Promise<{ readonly userId: string }> {
  const [account] = await sql<{ role: string; frozen: boolean }[]>`
    select role, frozen_at is not null as frozen from users where id = ${userId}`;
  if (account?.role !== "admin" || account.frozen) {
    throw new DomainError(DomainErrorCode.FORBIDDEN, "Only an admin may do this.");
  }
  return { userId };
}
