import { z } from "zod";
import { buyCosmetic } from "../services/profile/buy-cosmetic.ts";
import { listCosmetics } from "../services/profile/cosmetics.ts";
import { getProfile } from "../services/profile/get-profile.ts";
import { wearCosmetics } from "../services/profile/wear-cosmetics.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import { countSchema, isoDateTimeSchema } from "./output-schemas.ts";
import { spendInputSchema } from "./targets.ts";

const itemIdSchema = z.string().min(1).max(64);

const cosmeticKindSchema = z.enum(["badge_frame", "name_color", "entrance", "sticker"]);

const wornSchema = z.strictObject({
  badgeFrame: z.string().nullable(),
  nameColor: z.string().nullable(),
});

/** What the caller owns and wears (`get`, and `wear`'s answer). */
const profileSchema = z.strictObject({
  owned: z.array(
    z.strictObject({
      itemId: z.string(),
      kind: cosmeticKindSchema.nullable(),
      name: z.string(),
      style: z.string().nullable(),
      coinsPaid: countSchema,
      acquiredAt: isoDateTimeSchema,
    }),
  ),
  wearing: wornSchema.extend({ entrance: z.string().nullable() }),
  viewerStyle: wornSchema,
});

export const profileRouter = router({
  /** Badge frames, name colours, entrance effects and stickers for sale, with prices in coins. */
  catalog: publicProcedure
    .output(
      z.strictObject({
        rateCardVersion: z.string(),
        items: z.array(
          z.strictObject({
            id: z.string(),
            kind: cosmeticKindSchema,
            name: z.string(),
            coins: countSchema,
            style: z.string(),
          }),
        ),
      }),
    )
    .query(() => listCosmetics()),

  /** The caller's cosmetics: what they own, what they wear, and the style others see. */
  get: viewerProcedure.output(profileSchema).query(({ ctx }) => getProfile(ctx)),

  /** Buys a cosmetic at the price shown; an item already owned is refused before coins move. */
  buy: spendProcedure
    .input(
      spendInputSchema.extend({
        itemId: itemIdSchema,
        expectedCoins: z.number().int().min(0).max(100_000_000),
      }),
    )
    .output(
      z.strictObject({
        itemId: z.string(),
        transferId: z.string(),
        coinsSpent: countSchema,
        balance: countSchema,
        replayed: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => buyCosmetic(ctx, input)),

  /** Wears owned items (null takes a slot's item off; an absent slot stays as it is). */
  wear: viewerProcedure
    .input(
      z.object({
        badgeFrame: itemIdSchema.nullable().optional(),
        nameColor: itemIdSchema.nullable().optional(),
        entrance: itemIdSchema.nullable().optional(),
      }),
    )
    .output(profileSchema)
    .mutation(({ ctx, input }) => wearCosmetics(ctx, input)),
});
