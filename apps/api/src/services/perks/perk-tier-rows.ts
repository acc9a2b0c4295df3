import { toSafeInteger } from "@coinstream/core";
import type { SqlRow, schema } from "@coinstream/db";

export type PerkTierRow = Pick<
  SqlRow<typeof schema.perkTiers>,
  "id" | "name" | "min_coins" | "badge" | "perk_text" | "perk_url" | "created_at" | "archived_at"
>;

/** A tier as anyone may see it: no perk text or link. */
export function toPublicTier(row: PerkTierRow) {
  return {
    id: row.id,
    name: row.name,
    minCoins: toSafeInteger(row.min_coins),
    badge: row.badge,
  };
}

/** A tier as its creator manages it: everything, with when it was archived. */
export function toOwnTier(row: PerkTierRow) {
  return {
    ...toPublicTier(row),
    perkText: row.perk_text,
    perkUrl: row.perk_url,
    createdAt: row.created_at.toISOString(),
    archivedAt: row.archived_at?.toISOString() ?? null,
  };
}
