import { ageOn, getRegionRules } from "@coinstream/core";
import { z } from "zod";
import { router, viewerProcedure } from "../trpc/init.ts";
import { meGuidelinesProcedures } from "./guidelines.ts";

export const meRouter = router({
  /** The signed-in person's profile, with the age and minimum age that decide what they may do. */
  get: viewerProcedure
    .output(
      z.strictObject({
        userId: z.string(),
        email: z.string(),
        emailVerified: z.boolean(),
        dateOfBirth: z.iso.date(),
        region: z.string(),
        age: z.number().int(),
        regionMinimumAge: z.number().int(),
      }),
    )
    .query(({ ctx }) => ({
      userId: ctx.viewer.userId,
      email: ctx.viewer.email,
      emailVerified: ctx.viewer.emailVerified,
      dateOfBirth: ctx.viewer.dateOfBirth.toISOString().slice(0, 10),
      region: ctx.viewer.region,
      age: ageOn(ctx.viewer.dateOfBirth, ctx.now),
      regionMinimumAge: getRegionRules(ctx.viewer.region).minAge,
    })),
  ...meGuidelinesProcedures,
});
