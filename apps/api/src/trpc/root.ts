import { giftsRouter } from "../routers/gifts.ts";
import { storeRouter } from "../routers/store.ts";
import { walletRouter } from "../routers/wallet.ts";
import { router } from "./init.ts";

export const appRouter = router({
  store: storeRouter,
  gifts: giftsRouter,
  wallet: walletRouter,
});

export type AppRouter = typeof appRouter;
