import { listGifts } from "@coinstream/core";
import { rateCardFor } from "../rate-card/get-active-rate-card.ts";
import type { ServiceContext } from "../service-context.ts";

/** Every gift with its price in coins, tier and animation, under the rate card in force. */
export async function getGiftCatalog(ctx: Pick<ServiceContext, "sql" | "now">) {
  const rateCard = await rateCardFor(ctx);
  return { rateCardVersion: rateCard.version, gifts: listGifts(rateCard) };
}
