import { router } from "../trpc/init.ts";

/** Filled in by the messages work of issue 5. */
export const messagesRouter = router({});
