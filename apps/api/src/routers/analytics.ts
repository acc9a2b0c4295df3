import { router } from "../trpc/init.ts";

/** Filled in by the analytics work of issue 5. */
export const analyticsRouter = router({});
