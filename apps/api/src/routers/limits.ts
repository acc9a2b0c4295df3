import { z } from "zod";
import { changeViewerLimits, getViewerLimits } from "../services/limits/viewer-limits.ts";
import { router, viewerProcedure } from "../trpc/init.ts";

const capSchema = z.number().int().min(0).max(100_000_000).nullable();

export const limitsRouter = router({
  /** The caller's spending limits, their guardian's, and loosening scheduled for later. */
  get: viewerProcedure.query(({ ctx }) => getViewerLimits(ctx)),

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
