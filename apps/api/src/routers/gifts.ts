import { findGift, listGifts, previewCreatorEarnings } from "@coinstream/core";
import { z } from "zod";
import { sendGift } from "../services/gifts/send-gift-or-tip.ts";
import { rateCardFor } from "../services/rate-card/get-active-rate-card.ts";
import { requireCreator } from "../services/streams/resolve-creator.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { idempotencyKeySchema, streamTargetSchema } from "./targets.ts";

export const giftsRouter = router({
  /** Every gift with its price in coins, tier and animation, under the current rate card. */
  catalog: publicProcedure.query(async ({ ctx }) => {
    const rateCard = await rateCardFor(ctx);
    return { rateCardVersion: rateCard.version, gifts: listGifts(rateCard) };
  }),

  /**
   * What the creator of `to` receives for `count` of a gift, before it is sent (their tier or
   * signed share); without `to`, what a standard creator receives.
   */
  preview: publicProcedure
    .input(
      z.object({
        giftId: z.string().min(1).max(64),
        count: z.number().int().min(1).max(999),
        to: streamTargetSchema.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rateCard = await rateCardFor(ctx);
      const gift = findGift(input.giftId, rateCard);
      const creator = input.to && ctx.sql ? await requireCreator(ctx.sql, input.to, ctx.now) : null;
      const terms = creator
        ? { tier: creator.tier, overrideBps: creator.shareOverrideBps }
        : { tier: "standard" as const };
      return previewCreatorEarnings(gift.coins * input.count, terms, rateCard);
    }),

  /** Sends `count` of a gift to the creator of a stream page or handle; retries with the same key are safe. */
  send: viewerProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        to: streamTargetSchema,
        giftId: z.string().min(1).max(64),
        count: z.number().int().min(1).max(999),
        message: z.string().max(400).nullish(),
        /** Required once the amount reaches the person's own confirmation threshold. */
        confirm: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => sendGift(ctx.sql, ctx.ledger, ctx.viewer, input, ctx.now)),
});
