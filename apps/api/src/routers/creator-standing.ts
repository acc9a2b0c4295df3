import { z } from "zod";
import { appealStrike } from "../services/strikes/appeal-strike.ts";
import { getCreatorStanding } from "../services/strikes/creator-standing.ts";
import { creatorProcedure } from "../trpc/init.ts";
import { countSchema, isoDateTimeSchema } from "./output-schemas.ts";

const appealStatusSchema = z.enum(["open", "upheld", "withdrawn"]);

const standingSchema = z.strictObject({
  activeStrikes: countSchema,
  suspendedUntil: isoDateTimeSchema.nullable(),
  openAppeals: countSchema,
  strikes: z.array(
    z.strictObject({
      id: z.uuid(),
      reason: z.string(),
      issuedAt: isoDateTimeSchema,
      withdrawn: z.boolean(),
      counts: z.boolean(),
      canAppeal: z.boolean(),
      appeal: z
        .strictObject({
          id: z.uuid(),
          message: z.string(),
          status: appealStatusSchema,
          createdAt: isoDateTimeSchema,
          decidedAt: isoDateTimeSchema.nullable(),
          note: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});

/** A creator's strikes and appeals, spread into the `creator` router. */
export const creatorStandingProcedures = {
  /** Strikes (with appeals), how many count now, and when a suspension ends. */
  standing: creatorProcedure.output(standingSchema).query(({ ctx }) => getCreatorStanding(ctx)),

  /** Appeals one of the caller's strikes, once, with a message for the admin. */
  appealStrike: creatorProcedure
    .input(z.object({ strikeId: z.uuid(), message: z.string().trim().min(10).max(2000) }))
    .output(z.strictObject({ appealId: z.uuid(), status: z.literal("open") }))
    .mutation(({ ctx, input }) => appealStrike(ctx, input)),
};
