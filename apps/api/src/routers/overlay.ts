import { getOverlayUrl, rotateOverlayKey } from "../overlay/overlay-key.ts";
import { router, viewerProcedure } from "../trpc/init.ts";

export const overlayRouter = router({
  /** The caller's OBS overlay URL (a browser source), created on first use. Keep it secret. */
  get: viewerProcedure.query(({ ctx }) => getOverlayUrl(ctx.sql, ctx.viewer, ctx.publicUrl)),

  /** Replaces the overlay URL's secret key; the old URL stops working at once. */
  rotate: viewerProcedure.mutation(({ ctx }) =>
    rotateOverlayKey(ctx.sql, ctx.viewer, ctx.publicUrl),
  ),
});
