import { giftsRouter } from "../routers/gifts.ts";
import { storeRouter } from "../routers/store.ts";
import { router } from "./init.ts";

export const appRouter = router({
  store: storeRouter,
  gifts: giftsRouter,
});

export type AppRouter = typeof appRouter;
