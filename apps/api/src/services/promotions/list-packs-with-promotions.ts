import { listStoreOffers } from "@coinstream/core";
import { rateCardFor } from "../rate-card/get-active-rate-card.ts";
import type { PublicContext } from "../service-context.ts";
import { countCompletedPurchases } from "../store/count-completed-purchases.ts";
import { appliedViews, countRedemptions, listOfferablePromotions } from "./offerable-promotions.ts";

/**
 * The region's packs with price, value per coin and the bonuses on offer, and the promotions
 * behind those bonuses (name, end time). Signed in: the person's own region, first purchase
 * and per-account limits; anonymous: US, as a returning buyer.
 */
export async function listPacksWithPromotions(
  ctx: Pick<PublicContext, "sql" | "viewer" | "now">,
  input: { readonly region?: string | undefined } | undefined,
) {
  const region = input?.region ?? ctx.viewer?.region ?? "US";
  const rateCard = await rateCardFor(ctx);
  const offerable = await listOfferablePromotions(ctx.sql, ctx.now, rateCard);
  const signedIn = ctx.viewer;
  const offers = listStoreOffers(
    {
      region,
      purchaseCount: signedIn ? await countCompletedPurchases(ctx.sql, signedIn.userId) : 1,
      now: ctx.now,
      promotions: offerable.promotions,
      redemptions: signedIn ? await countRedemptions(ctx.sql, signedIn.userId) : {},
    },
    rateCard,
  );
  return {
    region,
    offers,
    promotions: appliedViews(
      offers.map((o) => o.quote),
      offerable.views,
    ),
  };
}
