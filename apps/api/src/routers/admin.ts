import { router } from "../trpc/init.ts";

/** Filled in by the admin work of issue 5. */
export const adminRouter = router({});
