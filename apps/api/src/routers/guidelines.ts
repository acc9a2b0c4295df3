import { z } from "zod";
import { acceptGuidelines } from "../services/guidelines/accept-guidelines.ts";
import {
  getGuidelinesStatus,
  getGuidelinesVersions,
} from "../services/guidelines/current-guidelines.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { countSchema, guidelinesVersionsSchema } from "./output-schemas.ts";

/** The guidelines with the caller's acceptance. */
const guidelinesStatusSchema = guidelinesVersionsSchema.extend({
  acceptedVersion: countSchema.nullable(),
  accepted: z.boolean(),
});

export const guidelinesRouter = router({
  /**
   * The community guidelines in effect (version, title, markdown: what sign-up must accept), and
   * the next version when one is published ahead of its date.
   */
  current: publicProcedure
    .output(guidelinesVersionsSchema)
    .query(({ ctx }) => getGuidelinesVersions(ctx)),
});

/** The caller's side of the guidelines, spread into the `me` router. */
export const meGuidelinesProcedures = {
  /** The current guidelines and whether the caller accepted them. */
  guidelines: viewerProcedure
    .output(guidelinesStatusSchema)
    .query(({ ctx }) => getGuidelinesStatus(ctx)),

  /**
   * Accepts the version in effect (or one published ahead): spending and receiving resume. The
   * client sends the version it showed, so nobody accepts a text they were not shown.
   */
  acceptGuidelines: viewerProcedure
    .input(z.object({ version: z.number().int().min(1).max(1_000_000) }))
    .output(guidelinesStatusSchema)
    .mutation(({ ctx, input }) => acceptGuidelines(ctx, input)),
};
