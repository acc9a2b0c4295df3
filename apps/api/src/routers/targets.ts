import { z } from "zod";

/**
 * A stream page URL or a declared creator handle: where a gift or tip goes. With `origin` (the
 * page declaring the handle), the creator counts only when that origin is their verified website.
 */
export const streamTargetSchema = z.union([
  z.object({ url: z.string().min(8).max(2048) }),
  z.object({ handle: z.string().min(2).max(31), origin: z.string().min(8).max(2048).optional() }),
]);

export const idempotencyKeySchema = z
  .string()
  .min(8, "idempotencyKey must be 8 to 100 characters, unique per attempt")
  .max(100, "idempotencyKey must be 8 to 100 characters, unique per attempt");
