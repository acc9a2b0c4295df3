import {
  type CreatorEarningsPreview,
  findGift,
  getCreatorShareBps,
  previewCreatorEarnings,
} from "@coinstream/core";
import { rateCardFor } from "../rate-card/get-active-rate-card.ts";
import type { ServiceContext } from "../service-context.ts";
import { requireCreator, type StreamTarget } from "../streams/resolve-creator.ts";

/**
 * What the creator of `to` receives for `count` of a gift if it is sent now: their share (tier or
 * signed override) and the fraction their first carry lane already holds, the lane an
 * uncontended gift takes (the ledger's first writer). Without `to`, a standard creator carrying nothing.
 */
export async function previewGift(
  ctx: Pick<ServiceContext, "sql" | "now">,
  input: { readonly giftId: string; readonly count: number; readonly to?: StreamTarget },
): Promise<CreatorEarningsPreview> {
  const { sql, now } = ctx;
  const rateCard = await rateCardFor(ctx);
  const coins = findGift(input.giftId, rateCard).coins * input.count;
  if (!input.to) return previewCreatorEarnings(coins, { tier: "standard" }, rateCard);
  const creator = await requireCreator(sql, input.to, now);
  const terms = { tier: creator.tier, overrideBps: creator.shareOverrideBps };
  const [lane] = await sql<{ coins: bigint }[]>`
    select coins from creator_share_carries
    where creator_user_id = ${creator.userId} and share_bps = ${getCreatorShareBps(terms, rateCard)}
      and lane = 0`;
  return previewCreatorEarnings(coins, terms, rateCard, lane?.coins ?? 0n);
}
