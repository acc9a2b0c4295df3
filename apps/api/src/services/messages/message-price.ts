import { assertIntegerInRange, RATE_CARD } from "@coinstream/core";
import { requireCreatorAccount } from "../creators/require-creator-account.ts";
import type { CreatorContext, ServiceContext } from "../service-context.ts";
import { requireCreator } from "../streams/resolve-creator.ts";

/**
 * What a paid message to `@handle` costs now, and whether the creator can take one (they can
 * receive coins). Blocks are personal and checked on send, so this public answer reveals none.
 */
export async function getMessagePrice(
  { sql, now }: Pick<ServiceContext, "sql" | "now">,
  { handle }: { readonly handle: string },
) {
  const creator = await requireCreator(sql, { handle }, now);
  const { messagePriceCoins } = await requireCreatorAccount(sql, creator.userId);
  return {
    handle: creator.handle,
    priceCoins: messagePriceCoins,
    acceptsMessages: creator.canReceive,
    maxLength: RATE_CARD.messages.maxLength,
    rateCardVersion: RATE_CARD.version,
  };
}

/** Sets what the caller's paid messages cost, within the rate card's bounds. */
export async function setMessagePrice(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  { coins }: { readonly coins: number },
) {
  const { minPriceCoins, maxPriceCoins } = RATE_CARD.messages;
  assertIntegerInRange(coins, minPriceCoins, maxPriceCoins, "A message price in coins");
  await sql`update creators set message_price_coins = ${coins} where user_id = ${userId}`;
  return { priceCoins: coins, rateCardVersion: RATE_CARD.version };
}
