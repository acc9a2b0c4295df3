import { assertGuidelinesAccepted } from "../services/guidelines/current-guidelines.ts";
import { viewerProcedure } from "./init.ts";

/**
 * A signed-in procedure that moves the caller's money (buying, gifting, tipping, boosting,
 * paid messages, cosmetics): refused with `GUIDELINES_NOT_ACCEPTED` (naming the version) until
 * the caller accepted the current community guidelines. Reading (wallet, history, status) stays
 * on `viewerProcedure`, so nobody loses sight of their money while a new version waits.
 */
export const spendProcedure = viewerProcedure.use(async ({ ctx, next }) => {
  await assertGuidelinesAccepted(ctx.sql, ctx.viewer, ctx.now);
  return next();
});
