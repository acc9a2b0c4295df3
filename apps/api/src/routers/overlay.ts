import { router } from "../trpc/init.ts";

/** Filled in by the OBS overlay work of issue 5. */
export const overlayRouter = router({});
