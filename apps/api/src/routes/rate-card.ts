import { listGifts, listStoreOffers, RATE_CARD } from "@coinstream/core";
import { Hono } from "hono";
import { z } from "zod";

const storeQuerySchema = z.object({
  region: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "region must be a two-letter ISO 3166-1 code such as US or DE")
    .default("US"),
});

/** The public price sheet: rate card version, gift catalog and a region's packs. */
export const rateCardRoutes = new Hono()
  .get("/rate-card", (c) => c.json({ version: RATE_CARD.version, rateCard: RATE_CARD }))
  .get("/gifts", (c) => c.json({ rateCardVersion: RATE_CARD.version, gifts: listGifts() }))
  .get("/store", (c) => {
    const query = storeQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      return c.json({ error: "INVALID_INPUT", message: query.error.issues[0]?.message }, 400);
    }
    const offers = listStoreOffers({
      region: query.data.region,
      purchaseCount: 1,
      now: new Date(),
      promotions: [],
    });
    return c.json({ region: query.data.region.toUpperCase(), offers });
  });
