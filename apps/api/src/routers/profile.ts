import { z } from "zod";
import { buyCosmetic } from "../services/profile/buy-cosmetic.ts";
import { listCosmetics } from "../services/profile/cosmetics.ts";
import { getProfile } from "../services/profile/get-profile.ts";
import { wearCosmetics } from "../services/profile/wear-cosmetics.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import { idempotencyKeySchema } from "./targets.ts";

const itemIdSchema = z.string().min(1).max(64);

export const profileRouter = router({
  /** Badge frames, name colours, entrance effects and stickers for sale, with prices in coins. */
  catalog: publicProcedure.query(() => listCosmetics()),

  /** The caller's cosmetics: what they own, what they wear, and the style others see. */
  get: viewerProcedure.query(({ ctx }) => getProfile(ctx)),

  /** Buys a cosmetic at the price shown; an item already owned is refused before coins move. */
  buy: spendProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        itemId: itemIdSchema,
        expectedCoins: z.number().int().min(0).max(100_000_000),
        /** Required once the price reaches the person's own confirmation threshold. */
        confirm: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => buyCosmetic(ctx.sql, ctx.ledger, ctx.viewer, input, ctx.now)),

  /** Wears owned items (null takes a slot's item off; an absent slot stays as it is). */
  wear: viewerProcedure
    .input(
      z.object({
        badgeFrame: itemIdSchema.nullable().optional(),
        nameColor: itemIdSchema.nullable().optional(),
        entrance: itemIdSchema.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => wearCosmetics(ctx, input)),
});
