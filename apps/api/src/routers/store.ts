import { z } from "zod";
import { listPacksWithPromotions } from "../services/promotions/list-packs-with-promotions.ts";
import { listPurchases } from "../services/store/list-purchases.ts";
import { startCheckout } from "../services/store/start-checkout.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import {
  countSchema,
  isoDateTimeSchema,
  promotionViewSchema,
  purchaseQuoteSchema,
  storeOfferSchema,
} from "./output-schemas.ts";
import { idempotencyKeySchema } from "./targets.ts";

export const regionSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "region must be a two-letter ISO 3166-1 code such as US or DE")
  .transform((region) => region.toUpperCase());

const purchaseItemSchema = z.union([
  z.object({ packId: z.string().min(1).max(40) }),
  z.object({ customCoins: z.number().int().min(100).max(250_000) }),
]);

export const storeRouter = router({
  /** Starts a purchase of a pack or a custom amount; returns the page where the buyer pays. */
  checkout: spendProcedure
    .input(z.object({ idempotencyKey: idempotencyKeySchema, item: purchaseItemSchema }))
    .output(
      z.strictObject({
        purchaseId: z.uuid(),
        status: z.string(),
        checkoutUrl: z.string(),
        quote: purchaseQuoteSchema,
        promotions: z.array(promotionViewSchema),
      }),
    )
    .mutation(({ ctx, input }) => startCheckout(ctx, input)),

  /** The signed-in person's purchases, newest first. */
  purchases: viewerProcedure
    .output(
      z.array(
        z.strictObject({
          purchaseId: z.uuid(),
          packId: z.string().nullable(),
          coins: countSchema,
          currency: z.string(),
          priceMinor: countSchema,
          status: z.string(),
          createdAt: isoDateTimeSchema,
        }),
      ),
    )
    .query(({ ctx }) => listPurchases(ctx)),

  /** The region's coin packs with price, value per coin, live bonuses and their promotions. */
  packs: publicProcedure
    .input(z.object({ region: regionSchema.optional() }).optional())
    .output(
      z.strictObject({
        region: z.string(),
        offers: z.array(storeOfferSchema),
        promotions: z.array(promotionViewSchema),
      }),
    )
    .query(({ input, ctx }) => listPacksWithPromotions(ctx, input)),
});
