import { RATE_CARD, RATE_CARDS, type RateCard } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { isFreshScheduled, type ScheduledEntry } from "../../caches/scheduled-entry.ts";

/**
 * The rate card in force at `now`: the latest activation an admin published whose `active_from`
 * has come, else core's `RATE_CARD`. An activation naming a version this build does not have
 * (a rolled-back deploy) is skipped rather than breaking every price.
 */
export async function getActiveRateCard(
  sql: Sql,
  now: Date,
  cards: Readonly<Record<string, RateCard>> = RATE_CARDS,
): Promise<RateCard> {
  // Only the build's own cards are cached: a caller's stand-in cards always read afresh.
  const cached = cards === RATE_CARDS ? activeOn.get(sql) : undefined;
  if (cached && isFreshScheduled(cached, now, RATE_CARD_CACHE_MS))
    return cardOf(cached.versions, cards);
  const [row] = await sql<{ versions: string[]; next_at: Date | null }[]>`
    select
      (select coalesce(json_agg(a.version order by a.active_from desc, a.published_at desc), '[]')
       from (
         select version, active_from, published_at from rate_card_activations
         where active_from <= ${now} order by active_from desc, published_at desc limit 20) a
      ) as versions,
      (select min(active_from) from rate_card_activations where active_from > ${now}) as next_at`;
  const versions = row?.versions ?? [];
  if (cards === RATE_CARDS) {
    activeOn.set(sql, {
      versions,
      from: now.getTime(),
      until: row?.next_at?.getTime() ?? Number.POSITIVE_INFINITY,
      readAt: Date.now(),
    });
  }
  return cardOf(versions, cards);
}

function cardOf(versions: readonly string[], cards: Readonly<Record<string, RateCard>>): RateCard {
  for (const version of versions) {
    const card = Object.hasOwn(cards, version) ? cards[version] : undefined;
    if (card) return card;
  }
  return RATE_CARD;
}

/**
 * The activations in force, per pool, as last read. Invalidation: an entry answers only for
 * request times from its read up to the next scheduled activation (so a scheduled card takes
 * effect exactly on time), and only for `RATE_CARD_CACHE_MS` after the read (so a publish in
 * another process reaches this one within that); a publish in this process drops it at once
 * (`forgetActiveRateCards`). Activations are only ever inserted.
 */
const activeOn = new WeakMap<object, ScheduledEntry & { versions: readonly string[] }>();
export const RATE_CARD_CACHE_MS = 1_000;

/** Drops what this process remembers of the activations (after a publish commits). */
export function forgetActiveRateCards(sql: Sql): void {
  activeOn.delete(sql);
}

/** The rate card in force for a call (its one "now"). */
export function rateCardFor(ctx: { readonly sql: Sql; readonly now: Date }): Promise<RateCard> {
  return getActiveRateCard(ctx.sql, ctx.now);
}
