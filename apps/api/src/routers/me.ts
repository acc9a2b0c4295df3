import { ageOn, getRegionRules } from "@coinstream/core";
import { router, viewerProcedure } from "../trpc/init.ts";
import { meGuidelinesProcedures } from "./guidelines.ts";

export const meRouter = router({
  /** The signed-in person's profile, with the age and minimum age that decide what they may do. */
  get: viewerProcedure.query(({ ctx }) => ({
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
