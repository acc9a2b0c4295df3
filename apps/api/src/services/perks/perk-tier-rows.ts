import { toSafeInteger } from "@coinstream/core";

export interface PerkTierRow {
  id: string;
  name: string;
  min_coins: bigint;
  badge: string | null;
  perk_text: string | null;
  perk_url: string | null;
  created_at: Date;
  archived_at: Date | null;
}

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
