import { router } from "../trpc/init.ts";

/** Filled in by the perks work of issue 5. */
export const perksRouter = router({});
