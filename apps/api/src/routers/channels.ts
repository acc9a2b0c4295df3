import { router } from "../trpc/init.ts";

/** Filled in by the channels work of issue 5. */
export const channelsRouter = router({});
