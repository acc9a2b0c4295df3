import { listStoreOffers } from "@coinstream/core";
import { rateCardFor } from "../rate-card/get-active-rate-card.ts";
import type { PublicContext } from "../service-context.ts";
import { countCompletedPurchases } from "./count-completed-purchases.ts";

/**
 * The region's coin packs with price, value per coin and live bonuses. Signed in: the person's
 * own region and first-purchase bonus; anonymous: US, no bonus.
 */
export async function listStorePacks(ctx: PublicContext, input: { region?: string | undefined }) {
  const { viewer, now } = ctx;
  const region = input.region ?? viewer?.region ?? "US";
  const purchaseCount = viewer ? await countCompletedPurchases(ctx.sql, viewer.userId) : 1;
  const rateCard = await rateCardFor(ctx);
  return {
    region,
    offers: listStoreOffers({ region, purchaseCount, now, promotions: [] }, rateCard),
  };
}
