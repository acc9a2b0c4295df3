import { router } from "../trpc/init.ts";

/** Filled in by the profile work of issue 5. */
export const profileRouter = router({});
