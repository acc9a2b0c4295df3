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

/** A string code from a closed set the services' types name (checked by type, sent as text). */
export function codeSchema<Code extends string>() {
  return z.custom<Code>((code) => typeof code === "string");
}

/** One place in a ranking of supporters (a stream's top gifters, a studio's top supporters). */
export const rankedSupporterSchema = z.strictObject({
  rank: countSchema,
  name: z.string(),
  coins: countSchema,
});

/** A bonus-coin promotion as buyers and admins see it (`PromotionView`). */
export const promotionViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["fixed", "percent"]),
  bonusBps: countSchema.nullable(),
  maxBonusCoins: countSchema.nullable(),
  bonusCoins: countSchema.nullable(),
  packIds: z.array(z.string()).nullable(),
  regions: z.array(z.string()).nullable(),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema.nullable(),
  perAccountLimit: countSchema.nullable(),
  firstPurchaseOnly: z.boolean(),
});

/** A pack in the store with its quote and value per coin (core's `StoreOffer`). */
export const storeOfferSchema = z.strictObject({
  packId: z.string(),
  coins: countSchema,
  priceMinor: countSchema,
  quote: purchaseQuoteSchema,
  perCoinMicroMinor: countSchema,
  savingsBps: countSchema,
  per100CoinsLabel: z.string(),
});

/** A support ticket with its thread, as the person and the support desk see it. */
export const supportTicketSchema = z.strictObject({
  ticketId: z.uuid(),
  subject: z.string(),
  status: z.enum(["open", "answered", "closed"]),
  tier: z.string(),
  expectedAnswerHours: countSchema,
  answerDueAt: isoDateTimeSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  closedAt: isoDateTimeSchema.nullable(),
  messages: z.array(
    z.strictObject({
      messageId: z.string(),
      from: z.enum(["user", "support"]),
      body: z.string(),
      createdAt: isoDateTimeSchema,
    }),
  ),
});

/** A version of the community guidelines. */
export const guidelinesVersionSchema = z.strictObject({
  version: countSchema,
  title: z.string(),
  body: z.string(),
  effectiveAt: isoDateTimeSchema,
  publishedAt: isoDateTimeSchema,
});

/** The guidelines in effect and the next version published ahead of its date. */
export const guidelinesVersionsSchema = z.strictObject({
  current: guidelinesVersionSchema,
  upcoming: guidelinesVersionSchema.nullable(),
});

/** The fields a live session's span shares wherever one is shown (spread into its object). */
export const sessionSpanShape = {
  title: z.string().nullable(),
  startedAt: isoDateTimeSchema,
  endedAt: isoDateTimeSchema.nullable(),
  startedBy: z.enum(["manual", "auto"]),
  endedBy: z.enum(["manual", "inactivity"]).nullable(),
};

/**
 * What a gift or a tip answers (`sendToCreator`): the coins it took, the wallet after it and the
 * creator's diamonds. On the hot path: plain types and the uuid check only, no transforms or
 * refinements (`pnpm bench:hot-outputs` times it against the API's CPU per gift).
 */
export const creatorPaymentSchema = z.strictObject({
  transferId: z.uuid(),
  replayed: z.boolean(),
  coinsSpent: countSchema,
  balance: countSchema,
  creator: z.strictObject({ handle: z.string(), diamonds: countSchema }),
  rateCardVersion: z.string(),
  /** When the coins moved (the transaction's time). */
  paidAt: isoDateTimeSchema,
});
