import { DomainError, DomainErrorCode, toSafeInteger } from "@coinstream/core";
import type { Sql, Tx } from "@coinstream/db";
import { recordPerkUnlocks } from "../analytics/supporter-coins.ts";
import type { CreatorContext } from "../service-context.ts";
import { type PerkTierRow, toOwnTier } from "./perk-tier-rows.ts";
import {
  MAX_ACTIVE_TIERS,
  type PerkTier,
  type PerkTierInput,
  validatePerkTier,
} from "./validate-perk-tier.ts";

/** Fields to change; `null` clears an optional one, a missing field keeps it. */
export type PerkTierChanges = Partial<PerkTierInput> & { readonly id: string };

/**
 * Runs `work` holding the creator's tier lock, so the count and unique-threshold checks see
 * every concurrent change (the table has no unique index on thresholds: archived tiers repeat).
 */
function withTierLock<T>(sql: Sql, userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${`perks:${userId}`}, 0))`;
    return work(tx);
  }) as Promise<T>;
}

async function assertThresholdFree(
  tx: Tx,
  userId: string,
  tier: PerkTier,
  exceptId: string | null,
) {
  const [taken] = await tx<{ name: string }[]>`
    select name from perk_tiers
    where creator_user_id = ${userId} and archived_at is null and min_coins = ${tier.minCoins}
      and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)`;
  if (taken) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `Your tier "${taken.name}" already starts at ${tier.minCoins} coins; pick another threshold.`,
      { minCoins: tier.minCoins },
    );
  }
}

function tierNotFound(): DomainError {
  return new DomainError(DomainErrorCode.NOT_FOUND, "You have no such supporter tier.");
}

/** Adds a supporter tier (at most 10 active, each threshold once). */
export async function defineTier(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  input: PerkTierInput,
) {
  const tier = validatePerkTier(input);
  return withTierLock(sql, userId, async (tx) => {
    const [active] = await tx<{ n: bigint }[]>`
      select count(*)::int8 as n from perk_tiers where creator_user_id = ${userId} and archived_at is null`;
    if (toSafeInteger(active?.n ?? 0n) >= MAX_ACTIVE_TIERS) {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        `You can have at most ${MAX_ACTIVE_TIERS} supporter tiers; archive one first.`,
        { maxTiers: MAX_ACTIVE_TIERS },
      );
    }
    await assertThresholdFree(tx, userId, tier, null);
    const [row] = await tx<PerkTierRow[]>`
      insert into perk_tiers (creator_user_id, name, min_coins, badge, perk_text, perk_url)
      values (${userId}, ${tier.name}, ${tier.minCoins}, ${tier.badge}, ${tier.perkText}, ${tier.perkUrl})
      returning *`;
    return toOwnTier(row as PerkTierRow);
  });
}

/**
 * Changes an active tier; archived tiers are history and stay as they were. Raising the
 * threshold keeps the tier unlocked for every supporter who had reached the old one.
 */
export async function updateTier(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  changes: PerkTierChanges,
) {
  return withTierLock(sql, userId, async (tx) => {
    const [current] = await tx<PerkTierRow[]>`
      select * from perk_tiers where id = ${changes.id} and creator_user_id = ${userId}`;
    if (!current) throw tierNotFound();
    if (current.archived_at) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN_CHANGE,
        "This tier is archived and kept as history; define a new tier instead.",
      );
    }
    const tier = validatePerkTier({
      name: changes.name ?? current.name,
      minCoins: changes.minCoins ?? toSafeInteger(current.min_coins),
      badge: changes.badge === undefined ? current.badge : changes.badge,
      perkText: changes.perkText === undefined ? current.perk_text : changes.perkText,
      perkUrl: changes.perkUrl === undefined ? current.perk_url : changes.perkUrl,
    });
    await assertThresholdFree(tx, userId, tier, current.id);
    // Whoever reached the old threshold keeps the perk when it rises.
    if (BigInt(tier.minCoins) > current.min_coins) {
      await recordPerkUnlocks(tx, userId, current.id, current.min_coins);
    }
    const [row] = await tx<PerkTierRow[]>`
      update perk_tiers
      set name = ${tier.name}, min_coins = ${tier.minCoins}, badge = ${tier.badge},
          perk_text = ${tier.perkText}, perk_url = ${tier.perkUrl}
      where id = ${current.id}
      returning *`;
    return toOwnTier(row as PerkTierRow);
  });
}

/** Archives a tier: supporters no longer see it; the row stays as history. Again is a no-op. */
export async function archiveTier(
  { sql, creator: { userId }, now }: Pick<CreatorContext, "sql" | "creator" | "now">,
  { id }: { readonly id: string },
) {
  const [row] = await sql<PerkTierRow[]>`
    update perk_tiers set archived_at = coalesce(archived_at, ${now})
    where id = ${id} and creator_user_id = ${userId}
    returning *`;
  if (!row) throw tierNotFound();
  return toOwnTier(row);
}

/** The caller's tiers with their perks, by threshold; archived ones only when asked. */
export async function listOwnTiers(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  { includeArchived }: { readonly includeArchived: boolean },
) {
  const rows = await sql<PerkTierRow[]>`
    select * from perk_tiers
    where creator_user_id = ${userId} and (${includeArchived} or archived_at is null)
    order by archived_at is not null, min_coins, created_at`;
  return rows.map(toOwnTier);
}
