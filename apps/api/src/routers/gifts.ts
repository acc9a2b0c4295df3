import { z } from "zod";
import { getGiftCatalog } from "../services/gifts/gift-catalog.ts";
import { previewGift } from "../services/gifts/preview-gift.ts";
import { sendGift } from "../services/gifts/send-gift-or-tip.ts";
import { GIFT_TIERS } from "../services/studio/overlay-settings.ts";
import { publicProcedure, router } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import { countSchema, creatorPaymentSchema } from "./output-schemas.ts";
import { spendInputSchema, streamTargetSchema } from "./targets.ts";

/** A gift to send (also timed beside the output schema by `pnpm bench:hot-outputs`). */
export const sendGiftInputSchema = spendInputSchema.extend({
  to: streamTargetSchema,
  giftId: z.string().min(1).max(64),
  count: z.number().int().min(1).max(999),
  message: z.string().max(400).nullish(),
});

export const giftsRouter = router({
  /** Every gift with its price in coins, tier and animation, under the current rate card. */
  catalog: publicProcedure
    .output(
      z.strictObject({
        rateCardVersion: z.string(),
        gifts: z
          .array(
            z.strictObject({
              id: z.string(),
              name: z.string(),
              coins: countSchema,
              tier: z.enum(GIFT_TIERS),
              animation: z.enum(["float", "burst", "banner", "fullscreen"]),
            }),
          )
          .readonly(),
      }),
    )
    .query(({ ctx }) => getGiftCatalog(ctx)),

  /**
   * What the creator of `to` receives for `count` of a gift, before it is sent (their tier or
   * signed share, and the fraction of a diamond they carry); without `to`, a standard creator.
   */
  preview: publicProcedure
    .input(
      z.object({
        giftId: z.string().min(1).max(64),
        count: z.number().int().min(1).max(999),
        to: streamTargetSchema.optional(),
      }),
    )
    .output(
      z.strictObject({
        coins: countSchema,
        shareBps: countSchema,
        diamonds: countSchema,
        exactDiamonds: z.string(),
        platformFeeCoins: countSchema,
        cashValueUsdMinor: countSchema,
        label: z.string(),
        rateCardVersion: z.string(),
      }),
    )
    .query(({ ctx, input }) => previewGift(ctx, input)),

  /** Sends `count` of a gift to the creator of a stream page or handle; retries with the same key are safe. */
  send: spendProcedure
    .input(sendGiftInputSchema)
    .output(creatorPaymentSchema)
    .mutation(({ ctx, input }) => sendGift(ctx, input)),
});
