import { findGift, listGifts, previewCreatorEarnings, RATE_CARD } from "@coinstream/core";
import { z } from "zod";
import { publicProcedure, router } from "../trpc/init.ts";

export const giftsRouter = router({
  /** Every gift with its price in coins, tier and animation, under the current rate card. */
  catalog: publicProcedure.query(() => ({
    rateCardVersion: RATE_CARD.version,
    gifts: listGifts(),
  })),

  /** What a standard creator receives for `count` of a gift, before it is sent. */
  preview: publicProcedure
    .input(z.object({ giftId: z.string().min(1).max(64), count: z.number().int().min(1).max(999) }))
    .query(({ input }) => {
      const gift = findGift(input.giftId);
      return previewCreatorEarnings(gift.coins * input.count, { tier: "standard" });
    }),
});
