import type { Sql } from "@coinstream/db";

/**
 * Purchases that went through, reversed ones included: a refund must not earn a second
 * first-purchase bonus.
 */
export async function countCompletedPurchases(sql: Sql, userId: string): Promise<number> {
  const [row] = await sql<{ count: bigint }[]>`
    select count(*)::int8 as count from purchases
    where user_id = ${userId} and status in ('paid', 'refunded', 'disputed')`;
  return Number(row?.count ?? 0n);
}
