import { z } from "zod";
import { loadLimitSettings } from "../services/limits/limit-settings-store.ts";
import { setViewerLimits } from "../services/limits/set-viewer-limits.ts";
import { router, viewerProcedure } from "../trpc/init.ts";

const capSchema = z.number().int().min(0).max(100_000_000).nullable();

/** Dates go out as ISO strings, so the extension shows exactly what the server decided. */
function present(settings: Awaited<ReturnType<typeof loadLimitSettings>>) {
  const caps = (set: typeof settings.viewer) =>
    set ? { ...set, coolingOffUntil: set.coolingOffUntil?.toISOString() ?? null } : null;
  return {
    viewer: caps(settings.viewer),
    guardian: caps(settings.guardian),
    pending: (settings.pending ?? []).map((change) => ({
      ...change,
      requestedAt: change.requestedAt.toISOString(),
      effectiveAt: change.effectiveAt.toISOString(),
    })),
  };
}

export const limitsRouter = router({
  /** The caller's spending limits, their guardian's, and loosening scheduled for later. */
  get: viewerProcedure.query(async ({ ctx }) =>
    present(await loadLimitSettings(ctx.sql, ctx.viewer.userId, ctx.now)),
  ),

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
    .mutation(async ({ ctx, input }) => {
      const { coolingOffUntil, ...caps } = input;
      const requested = {
        ...caps,
        ...(coolingOffUntil === undefined
          ? {}
          : { coolingOffUntil: coolingOffUntil === null ? null : new Date(coolingOffUntil) }),
      };
      const { settings, scheduled } = await setViewerLimits(
        ctx.sql,
        ctx.viewer.userId,
        requested,
        ctx.now,
      );
      return {
        ...present(settings),
        scheduled: scheduled.map((c) => ({
          ...c,
          requestedAt: c.requestedAt.toISOString(),
          effectiveAt: c.effectiveAt.toISOString(),
        })),
      };
    }),
});
