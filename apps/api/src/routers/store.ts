import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listPacksWithPromotions } from "../services/promotions/list-packs-with-promotions.ts";
import { startCheckout } from "../services/store/start-checkout.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
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
    .mutation(({ ctx, input }) => {
      if (!ctx.payments) {
        throw new TRPCError({
          code: "INTERNAL_SERVER_ERROR",
          message: "Payments are not configured.",
        });
      }
      return startCheckout(ctx.sql, ctx.payments, ctx.viewer, input, ctx.now);
    }),

  /** The signed-in person's purchases, newest first. */
  purchases: viewerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.sql<
      {
        id: string;
        pack_id: string | null;
        base_coins: bigint;
        bonus_coins: bigint;
        currency: string;
        price_minor: bigint;
        status: string;
        created_at: Date;
      }[]
    >`select id, pack_id, base_coins, bonus_coins, currency, price_minor, status, created_at
      from purchases where user_id = ${ctx.viewer.userId} order by created_at desc limit 100`;
    return rows.map((row) => ({
      purchaseId: row.id,
      packId: row.pack_id,
      coins: Number(row.base_coins + row.bonus_coins),
      currency: row.currency,
      priceMinor: Number(row.price_minor),
      status: row.status,
      createdAt: row.created_at.toISOString(),
    }));
  }),

  /** The region's coin packs with price, value per coin, live bonuses and their promotions. */
  packs: publicProcedure
    .input(z.object({ region: regionSchema.optional() }).optional())
    .query(({ input, ctx }) => listPacksWithPromotions(ctx, input)),
});
