import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

export interface CreatorAccount {
  readonly userId: string;
  readonly handle: string;
  readonly messagePriceCoins: number;
}

/** The caller's own creator row, or `NOT_ELIGIBLE` for people who are not creators. */
export async function requireCreatorAccount(sql: Sql, userId: string): Promise<CreatorAccount> {
  const [row] = await sql<{ handle: string; message_price_coins: number }[]>`
    select handle, message_price_coins from creators where user_id = ${userId}`;
  if (!row) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      "Only creators can do this: register as a creator first.",
      { reasons: [{ code: "NOT_A_CREATOR" }] },
    );
  }
  return { userId, handle: row.handle, messagePriceCoins: row.message_price_coins };
}
