import type { CurrencyCode, EligibilityReasonCode } from "@coinstream/core";
import { z } from "zod";

/**
 * Pieces of the answers procedures give, checked at the boundary (`.output()`): a service that
 * returns another shape fails the call rather than surprising the extension or the overlay.
 * Output objects are strict: a field a service adds fails its tests until the schema (the
 * contract) names it, instead of being dropped on the way out without a word.
 */

/** An instant as ISO 8601 text: what every procedure sends for a time. */
export const isoDateTimeSchema = z.string();

/** A count of coins or diamonds in an answer: a safe integer. */
export const countSchema = z.number().int();

/** Why the rulebook refuses something (core's `EligibilityReason`). */
export const eligibilityReasonSchema = z.strictObject({
  code: z.custom<EligibilityReasonCode>((code) => typeof code === "string"),
  message: z.string(),
  /** When a time-bound refusal ends (a suspension), ISO 8601. */
  until: z.iso.datetime().optional(),
});

/** What a purchase costs and brings (core's `PurchaseQuote`). */
export const purchaseQuoteSchema = z.strictObject({
  packId: z.string().nullable(),
  currency: z.custom<CurrencyCode>((code) => typeof code === "string"),
  priceMinor: countSchema,
  priceLabel: z.string(),
  baseCoins: countSchema,
  bonusCoins: countSchema,
  totalCoins: countSchema,
  applied: z.array(z.strictObject({ source: z.string(), bonusCoins: countSchema })).readonly(),
  betterPack: z.strictObject({ packId: z.string(), coins: countSchema }).nullable(),
  rateCardVersion: z.string(),
});

/** A download: the file's name and text, with its row count. */
export const csvFileSchema = z.strictObject({
  filename: z.string(),
  csv: z.string(),
  rows: countSchema,
});
