import { z } from "zod";
import { getCurrentSession } from "../services/sessions/current-session.ts";
import { endSession } from "../services/sessions/end-session.ts";
import { toPublicSession } from "../services/sessions/session-progress.ts";
import { clearGoal, setGoal } from "../services/sessions/set-goal.ts";
import { startSession } from "../services/sessions/start-session.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";

/** A short title shown to viewers; blank means none. */
const titleSchema = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((title) => title || null);

export const sessionsRouter = router({
  /** Goes live (creators only). Starting while live returns the open session (`started: false`). */
  start: viewerProcedure
    .input(z.object({ title: titleSchema }).optional())
    .mutation(async ({ ctx, input }) => {
      const { started, session } = await startSession(ctx.sql, ctx.viewer, input?.title ?? null);
      return { started, session: toPublicSession(session) };
    }),

  /** Ends the caller's live session and returns its totals; null when they were not live. */
  end: viewerProcedure.mutation(async ({ ctx }) => {
    const session = await endSession(ctx.sql, ctx.viewer, ctx.now);
    return session && toPublicSession(session);
  }),

  /** Sets or replaces the live session's coin goal (the rate card's bounds) and announces it. */
  setGoal: viewerProcedure
    .input(z.object({ coins: z.number().int(), title: titleSchema }))
    .mutation(async ({ ctx, input }) =>
      toPublicSession(
        await setGoal(ctx.sql, ctx.viewer, { coins: input.coins, title: input.title }),
      ),
    ),

  /** Removes the live session's goal. */
  clearGoal: viewerProcedure.mutation(async ({ ctx }) =>
    toPublicSession(await clearGoal(ctx.sql, ctx.viewer)),
  ),

  /** Public: a creator's live session with its goal and progress, or `live: false`. */
  current: publicProcedure
    .input(z.object({ handle: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getCurrentSession(ctx.sql, input.handle)),
});
