import type { CurrencyCode, EligibilityReasonCode } from "@coinstream/core";
import { z } from "zod";

/**
 * Pieces of the answers procedures give, checked at the boundary (`.output()`): a service that
 * returns another shape fails the call rather than surprising the extension or the overlay.
 */

/** An instant as ISO 8601 text: what every procedure sends for a time. */
export const isoDateTimeSchema = z.string();

/** A count of coins or diamonds in an answer: a safe integer. */
export const countSchema = z.number().int();

/** Why the rulebook refuses something (core's `EligibilityReason`). */
export const eligibilityReasonSchema = z.object({
  code: z.custom<EligibilityReasonCode>((code) => typeof code === "string"),
  message: z.string(),
});

/** What a purchase costs and brings (core's `PurchaseQuote`). */
export const purchaseQuoteSchema = z.object({
  packId: z.string().nullable(),
  currency: z.custom<CurrencyCode>((code) => typeof code === "string"),
  priceMinor: countSchema,
  priceLabel: z.string(),
  baseCoins: countSchema,
  bonusCoins: countSchema,
  totalCoins: countSchema,
  applied: z.array(z.object({ source: z.string(), bonusCoins: countSchema })).readonly(),
  betterPack: z.object({ packId: z.string(), coins: countSchema }).nullable(),
  rateCardVersion: z.string(),
});

/** A download: the file's name and text, with its row count. */
export const csvFileSchema = z.object({ filename: z.string(), csv: z.string(), rows: countSchema });
