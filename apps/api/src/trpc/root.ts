import { giftsRouter } from "../routers/gifts.ts";
import { meRouter } from "../routers/me.ts";
import { storeRouter } from "../routers/store.ts";
import { walletRouter } from "../routers/wallet.ts";
import { router } from "./init.ts";

export const appRouter = router({
  me: meRouter,
  store: storeRouter,
  gifts: giftsRouter,
  wallet: walletRouter,
});

export type AppRouter = typeof appRouter;
