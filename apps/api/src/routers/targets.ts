import { z } from "zod";

/** A creator's handle as typed (the services normalise it; core's `normalizeCreatorHandle`). */
export const creatorHandleSchema = z.string().min(2).max(31);

/**
 * A stream page URL or a declared creator handle: where a gift or tip goes. With `origin` (the
 * page declaring the handle), the creator counts only when that origin is their verified website.
 */
export const streamTargetSchema = z.union(
  [
    z.strictObject({ url: z.string().min(8).max(2048) }),
    z.strictObject({
      handle: creatorHandleSchema,
      origin: z.string().min(8).max(2048).optional(),
    }),
  ],
  {
    // Both given would once silently follow the url; the caller must pick one.
    error: (issue) =>
      hasBoth(issue.input)
        ? "give either the stream page's url or the creator's handle, not both"
        : undefined,
  },
);

function hasBoth(input: unknown): boolean {
  return typeof input === "object" && input !== null && "url" in input && "handle" in input;
}

export const idempotencyKeySchema = z
  .string()
  .min(8, "idempotencyKey must be 8 to 100 characters, unique per attempt")
  .max(100, "idempotencyKey must be 8 to 100 characters, unique per attempt");

/** What every coin-spending procedure takes besides its own fields: the retry key and the confirmation. */
export const spendInputSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  /** Required once the amount reaches the person's own confirmation threshold. */
  confirm: z.boolean().default(false),
});
