import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

export interface CreatorAccount {
  readonly userId: string;
  readonly handle: string;
}

/** The caller's own creator account; going live and the overlay are for creators only. */
export async function requireCreatorAccount(sql: Sql, userId: string): Promise<CreatorAccount> {
  const [row] = await sql<{ handle: string }[]>`
    select handle from creators where user_id = ${userId}`;
  if (!row) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      "Only creators can do this: register a creator handle first (creator.register).",
    );
  }
  return { userId, handle: row.handle };
}
