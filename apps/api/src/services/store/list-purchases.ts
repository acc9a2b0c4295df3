import type { SqlRow, schema } from "@coinstream/db";
import type { ViewerContext } from "../service-context.ts";

type PurchaseRow = Pick<
  SqlRow<typeof schema.purchases>,
  | "id"
  | "pack_id"
  | "base_coins"
  | "bonus_coins"
  | "currency"
  | "price_minor"
  | "status"
  | "created_at"
>;

/** The caller's latest 100 purchases, newest first. */
export async function listPurchases({ sql, viewer }: Pick<ViewerContext, "sql" | "viewer">) {
  const rows = await sql<PurchaseRow[]>`
    select id, pack_id, base_coins, bonus_coins, currency, price_minor, status, created_at
    from purchases where user_id = ${viewer.userId} order by created_at desc limit 100`;
  return rows.map((row) => ({
    purchaseId: row.id,
    packId: row.pack_id,
    coins: Number(row.base_coins + row.bonus_coins),
    currency: row.currency,
    priceMinor: Number(row.price_minor),
    status: row.status,
    createdAt: row.created_at.toISOString(),
  }));
}
