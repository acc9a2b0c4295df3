import { z } from "zod";
import { getOverlayUrl, rotateOverlayKey } from "../overlay/overlay-key.ts";
import { creatorProcedure, router } from "../trpc/init.ts";

/** The OBS overlay's address: absolute when PUBLIC_URL is configured, and its path. */
const overlayUrlSchema = z.strictObject({ url: z.string(), path: z.string() });

export const overlayRouter = router({
  /** The caller's OBS overlay URL (a browser source), created on first use. Keep it secret. */
  get: creatorProcedure.output(overlayUrlSchema).query(({ ctx }) => getOverlayUrl(ctx)),

  /** Replaces the overlay URL's secret key; the old URL stops working at once. */
  rotate: creatorProcedure.output(overlayUrlSchema).mutation(({ ctx }) => rotateOverlayKey(ctx)),
});
