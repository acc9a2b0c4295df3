import { listStoreOffers } from "@coinstream/core";
import { z } from "zod";
import { publicProcedure, router } from "../trpc/init.ts";

export const regionSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "region must be a two-letter ISO 3166-1 code such as US or DE")
  .transform((region) => region.toUpperCase());

export const storeRouter = router({
  /** The region's coin packs with price, value per coin and live bonuses. */
  packs: publicProcedure
    .input(z.object({ region: regionSchema.default("US") }))
    .query(({ input, ctx }) => ({
      region: input.region,
      offers: listStoreOffers({
        region: input.region,
        purchaseCount: 1,
        now: ctx.now,
        promotions: [],
      }),
    })),
});
