import {
  DomainError,
  DomainErrorCode,
  normalizeCreatorHandle,
  toSafeInteger,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { supporterCoins } from "../analytics/supporter-coins.ts";
import type { ServiceContext, ViewerContext } from "../service-context.ts";
import { type PerkTierRow, toPublicTier } from "./perk-tier-rows.ts";

async function creatorByHandle(sql: Sql, rawHandle: string) {
  const handle = normalizeCreatorHandle(rawHandle);
  const [row] = handle
    ? await sql<{ user_id: string; handle: string }[]>`
        select user_id, handle from creators where handle = ${handle}`
    : [];
  if (!row) throw new DomainError(DomainErrorCode.UNKNOWN_CREATOR, "There is no such creator.");
  return { userId: row.user_id, handle: row.handle };
}

async function activeTiers(sql: Sql, creatorUserId: string) {
  return sql<PerkTierRow[]>`
    select * from perk_tiers where creator_user_id = ${creatorUserId} and archived_at is null
    order by min_coins`;
}

/** A creator's active supporter tiers by threshold, without the perks they unlock. */
export async function listPublicTiers(
  { sql }: Pick<ServiceContext, "sql">,
  { handle }: { readonly handle: string },
) {
  const creator = await creatorByHandle(sql, handle);
  const tiers = await activeTiers(sql, creator.userId);
  return { handle: creator.handle, tiers: tiers.map(toPublicTier) };
}

/**
 * Where the caller stands with a creator: coins given in all (gifts, tips, paid messages; exact),
 * every active tier with whether it is unlocked (its threshold reached, now or before the creator
 * raised it) and, only then, its perk, and the next tier with the coins still needed.
 */
export async function getMyPerks(
  { sql, viewer: { userId: viewerUserId } }: Pick<ViewerContext, "sql" | "viewer">,
  { handle }: { readonly handle: string },
) {
  const creator = await creatorByHandle(sql, handle);
  const [given, rows, kept] = await Promise.all([
    supporterCoins(sql, creator.userId, viewerUserId),
    activeTiers(sql, creator.userId),
    sql<{ tier_id: string }[]>`
      select u.tier_id from perk_unlocks u join perk_tiers t on t.id = u.tier_id
      where t.creator_user_id = ${creator.userId} and u.viewer_user_id = ${viewerUserId}`,
  ]);
  // Unlocked: the total reaches the threshold, or reached it before the creator raised it.
  const keptIds = new Set(kept.map((row) => row.tier_id));
  const isUnlocked = (row: PerkTierRow) => given >= row.min_coins || keptIds.has(row.id);
  const tiers = rows.map((row) => {
    const unlocked = isUnlocked(row);
    return {
      ...toPublicTier(row),
      unlocked,
      perkText: unlocked ? row.perk_text : null,
      perkUrl: unlocked ? row.perk_url : null,
    };
  });
  const next = rows.find((row) => !isUnlocked(row));
  return {
    handle: creator.handle,
    coinsGiven: toSafeInteger(given),
    tiers,
    nextTier: next
      ? { ...toPublicTier(next), coinsNeeded: toSafeInteger(next.min_coins - given) }
      : null,
  };
}
