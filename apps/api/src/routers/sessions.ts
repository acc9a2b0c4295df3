import { router } from "../trpc/init.ts";

/** Filled in by the sessions work of issue 5. */
export const sessionsRouter = router({});
