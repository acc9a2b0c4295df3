import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

export interface CreatorAccount {
  readonly userId: string;
  readonly handle: string;
  readonly messagePriceCoins: number;
}

/**
 * The caller's own creator account, or `NOT_ELIGIBLE` (reason NOT_A_CREATOR) for people who have
 * not registered as a creator: every creator-only procedure starts here.
 */
export async function requireCreatorAccount(sql: Sql, userId: string): Promise<CreatorAccount> {
  const [row] = await sql<{ handle: string; message_price_coins: number }[]>`
    select handle, message_price_coins from creators where user_id = ${userId}`;
  if (!row) throw notACreatorError();
  return { userId, handle: row.handle, messagePriceCoins: row.message_price_coins };
}

export function notACreatorError(): DomainError {
  return new DomainError(
    DomainErrorCode.NOT_ELIGIBLE,
    "Register as a creator first (creator.register): only creators can do this.",
    { reasons: [{ code: "NOT_A_CREATOR" }] },
  );
}
