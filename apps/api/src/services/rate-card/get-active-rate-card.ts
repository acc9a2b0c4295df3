import { RATE_CARD, RATE_CARDS, type RateCard } from "@coinstream/core";
import type { Sql } from "@coinstream/db";

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
  const activations = await sql<{ version: string }[]>`
    select version from rate_card_activations where active_from <= ${now}
    order by active_from desc, published_at desc limit 20`;
  for (const { version } of activations) {
    const card = Object.hasOwn(cards, version) ? cards[version] : undefined;
    if (card) return card;
  }
  return RATE_CARD;
}

/** The rate card for a request: the active one, or core's when the caller has no database (docs, tests). */
export function rateCardFor(ctx: {
  readonly sql: Sql | null;
  readonly now: Date;
}): Promise<RateCard> {
  return ctx.sql ? getActiveRateCard(ctx.sql, ctx.now) : Promise.resolve(RATE_CARD);
}
