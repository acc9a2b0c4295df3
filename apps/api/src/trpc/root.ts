import { creatorRouter } from "../routers/creator.ts";
import { giftsRouter } from "../routers/gifts.ts";
import { guardianRouter } from "../routers/guardian.ts";
import { limitsRouter } from "../routers/limits.ts";
import { meRouter } from "../routers/me.ts";
import { storeRouter } from "../routers/store.ts";
import { streamsRouter } from "../routers/streams.ts";
import { tipsRouter } from "../routers/tips.ts";
import { walletRouter } from "../routers/wallet.ts";
import { router } from "./init.ts";

export const appRouter = router({
  me: meRouter,
  store: storeRouter,
  gifts: giftsRouter,
  wallet: walletRouter,
  tips: tipsRouter,
  streams: streamsRouter,
  limits: limitsRouter,
  guardian: guardianRouter,
  creator: creatorRouter,
});

export type AppRouter = typeof appRouter;
