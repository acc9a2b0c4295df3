import {
  findGift,
  listGifts,
  previewCreatorEarnings,
  priceGift,
  RATE_CARD,
  validateTip,
} from "@coinstream/core";
import { z } from "zod";
import { sendToCreator } from "../services/gifts/send-to-creator.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { idempotencyKeySchema, streamTargetSchema } from "./targets.ts";

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
    .mutation(({ ctx, input }) => {
      const price = priceGift(input.giftId, input.count);
      // Gift messages follow the tip message rules (trimmed, one line, at most 200 characters).
      const { message } = validateTip(1, input.message);
      return sendToCreator(
        ctx.sql,
        ctx.ledger,
        ctx.viewer,
        {
          idempotencyKey: input.idempotencyKey,
          to: input.to,
          coins: price.coins,
          kind: "gift",
          giftId: price.giftId,
          count: price.count,
          message,
          confirmed: input.confirm,
        },
        ctx.now,
      );
    }),
});
