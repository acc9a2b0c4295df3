import type { CapField } from "@coinstream/core";
import { z } from "zod";
import { changeViewerLimits, getViewerLimits } from "../services/limits/viewer-limits.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { codeSchema, countSchema, isoDateTimeSchema } from "./output-schemas.ts";

const capSchema = z.number().int().min(0).max(100_000_000).nullable();

/** One side's caps (absent or null: no cap) and cooling-off lock. */
const capsSchema = z
  .strictObject({
    dailyCoins: countSchema.nullable().optional(),
    weeklyCoins: countSchema.nullable().optional(),
    monthlyCoins: countSchema.nullable().optional(),
    perSpendCoins: countSchema.nullable().optional(),
    confirmFromCoins: countSchema.nullable().optional(),
    coolingOffUntil: isoDateTimeSchema.nullable(),
  })
  .nullable();

/** A loosening that takes effect later. */
const scheduledCapSchema = z.strictObject({
  field: codeSchema<CapField>(),
  coins: countSchema.nullable(),
  requestedAt: isoDateTimeSchema,
  effectiveAt: isoDateTimeSchema,
});

const viewerLimitsSchema = z.strictObject({
  viewer: capsSchema,
  guardian: capsSchema,
  pending: z.array(scheduledCapSchema),
});

export const limitsRouter = router({
  /** The caller's spending limits, their guardian's, and loosening scheduled for later. */
  get: viewerProcedure.output(viewerLimitsSchema).query(({ ctx }) => getViewerLimits(ctx)),

  /**
   * Sets the caller's own caps (null removes one). Lowering applies now, raising in 24 h; a
   * cooling-off lock can be set or extended, never shortened.
   */
  set: viewerProcedure
    .input(
      z.object({
        dailyCoins: capSchema.optional(),
        weeklyCoins: capSchema.optional(),
        monthlyCoins: capSchema.optional(),
        perSpendCoins: capSchema.optional(),
        confirmFromCoins: capSchema.optional(),
        coolingOffUntil: z.iso.datetime({ offset: true }).nullable().optional(),
      }),
    )
    .output(viewerLimitsSchema.extend({ scheduled: z.array(scheduledCapSchema) }))
    .mutation(({ ctx, input }) => {
      const { coolingOffUntil, ...caps } = input;
      return changeViewerLimits(ctx, {
        ...caps,
        ...(coolingOffUntil === undefined
          ? {}
          : { coolingOffUntil: coolingOffUntil === null ? null : new Date(coolingOffUntil) }),
      });
    }),
});
