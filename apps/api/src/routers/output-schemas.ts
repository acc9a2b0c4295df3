import type { EligibilityReasonCode } from "@coinstream/core";
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
