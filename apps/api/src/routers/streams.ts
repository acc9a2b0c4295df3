import { TRPCError } from "@trpc/server";
import { resolveCreator } from "../services/streams/resolve-creator.ts";
import { publicProcedure, router } from "../trpc/init.ts";
import { streamTargetSchema } from "./targets.ts";

export const streamsRouter = router({
  /** Which creator a stream page or handle belongs to, and whether they can receive gifts now (and why not). */
  resolve: publicProcedure.input(streamTargetSchema).query(async ({ ctx, input }) => {
    if (!ctx.sql)
      throw new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: "The database is not available.",
      });
    const resolution = await resolveCreator(ctx.sql, input, ctx.now);
    if (!resolution.found) return resolution;
    const { creator } = resolution;
    // Public: the creator's handle, channel and readiness, nothing about their account.
    return {
      found: true as const,
      creator: {
        handle: creator.handle,
        channel: creator.channel,
        canReceive: creator.canReceive,
        reasons: creator.reasons,
      },
    };
  }),
});
