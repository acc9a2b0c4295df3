import { z } from "zod";
import { appealStrike } from "../services/strikes/appeal-strike.ts";
import { getCreatorStanding } from "../services/strikes/creator-standing.ts";
import { viewerProcedure } from "../trpc/init.ts";

/** A creator's strikes and appeals, spread into the `creator` router. */
export const creatorStandingProcedures = {
  /** Strikes (with appeals), how many count now, and when a suspension ends. */
  standing: viewerProcedure.query(({ ctx }) =>
    getCreatorStanding(ctx.sql, ctx.viewer.userId, ctx.now),
  ),

  /** Appeals one of the caller's strikes, once, with a message for the admin. */
  appealStrike: viewerProcedure
    .input(z.object({ strikeId: z.uuid(), message: z.string().trim().min(10).max(2000) }))
    .mutation(({ ctx, input }) => appealStrike(ctx.sql, ctx.viewer.userId, input)),
};
