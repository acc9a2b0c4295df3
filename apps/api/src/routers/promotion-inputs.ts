import { MAX_PROMOTION_BONUS_COINS } from "@coinstream/core";
import { z } from "zod";
import { storableDateTimeSchema } from "./bounded-inputs.ts";
import { regionSchema } from "./store.ts";

const coinsSchema = z.number().int().min(1).max(MAX_PROMOTION_BONUS_COINS);

/** `admin.createPromotion`'s input; the rulebook and the service check the rest. */
export const createPromotionSchema = z
  .object({
    name: z.string().trim().min(3).max(80),
    bonus: z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("percent"),
        /** Basis points: 1,000 = 10%, at most 100%. */
        bonusBps: z.number().int().min(1).max(10_000),
        maxBonusCoins: coinsSchema.nullish().transform((cap) => cap ?? null),
      }),
      z.object({ kind: z.literal("fixed"), bonusCoins: coinsSchema }),
    ]),
    /** Omitted or null: every pack and custom amounts. */
    packIds: z
      .array(z.string().trim().min(1).max(40))
      .min(1)
      .max(20)
      .nullish()
      .transform((ids) => ids ?? null),
    /** Omitted or null: every region. */
    regions: z
      .array(regionSchema)
      .min(1)
      .max(50)
      .nullish()
      .transform((regions) => regions ?? null),
    startsAt: storableDateTimeSchema.transform((iso) => new Date(iso)),
    endsAt: storableDateTimeSchema.transform((iso) => new Date(iso)),
    perAccountLimit: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .nullish()
      .transform((limit) => limit ?? null),
    firstPurchaseOnly: z.boolean().default(false),
  })
  .refine((input) => input.endsAt > input.startsAt, {
    message: "endsAt must be after startsAt",
    path: ["endsAt"],
  });
