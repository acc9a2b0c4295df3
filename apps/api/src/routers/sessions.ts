import { z } from "zod";
import { getCurrentSession } from "../services/sessions/current-session.ts";
import { endSession } from "../services/sessions/end-session.ts";
import { toPublicSession } from "../services/sessions/session-progress.ts";
import { clearGoal, setGoal } from "../services/sessions/set-goal.ts";
import { startSession } from "../services/sessions/start-session.ts";
import { creatorProcedure, publicProcedure, router } from "../trpc/init.ts";
import { countSchema, sessionSpanShape } from "./output-schemas.ts";

/** A short title shown to viewers; blank means none. */
const titleSchema = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((title) => title || null);

/** A live session as viewers see it (`toPublicSession`). */
const publicSessionSchema = z.strictObject({
  id: z.uuid(),
  ...sessionSpanShape,
  coins: countSchema,
  goal: z
    .object({
      title: z.string().nullable(),
      targetCoins: countSchema,
      progressCoins: countSchema,
      reached: z.boolean(),
    })
    .nullable(),
});

export const sessionsRouter = router({
  /** Goes live (creators only). Starting while live returns the open session (`started: false`). */
  start: creatorProcedure
    .input(z.object({ title: titleSchema }).optional())
    .output(z.strictObject({ started: z.boolean(), session: publicSessionSchema }))
    .mutation(async ({ ctx, input }) => {
      const { started, session } = await startSession(ctx, { title: input?.title ?? null });
      return { started, session: toPublicSession(session) };
    }),

  /** Ends the caller's live session and returns its totals; null when they were not live. */
  end: creatorProcedure.output(publicSessionSchema.nullable()).mutation(async ({ ctx }) => {
    const session = await endSession(ctx);
    return session && toPublicSession(session);
  }),

  /** Sets or replaces the live session's coin goal (the rate card's bounds) and announces it. */
  setGoal: creatorProcedure
    .input(z.object({ coins: z.number().int(), title: titleSchema }))
    .output(publicSessionSchema)
    .mutation(async ({ ctx, input }) => toPublicSession(await setGoal(ctx, input))),

  /** Removes the live session's goal. */
  clearGoal: creatorProcedure
    .output(publicSessionSchema)
    .mutation(async ({ ctx }) => toPublicSession(await clearGoal(ctx))),

  /** Public: a creator's live session with its goal and progress, or `live: false`. */
  current: publicProcedure
    .input(z.object({ handle: z.string().min(1).max(64) }))
    .output(
      z.discriminatedUnion("live", [
        z.strictObject({ handle: z.string(), live: z.literal(true), session: publicSessionSchema }),
        z.strictObject({ handle: z.string(), live: z.literal(false), session: z.null() }),
      ]),
    )
    .query(({ ctx, input }) => getCurrentSession(ctx, input)),
});
