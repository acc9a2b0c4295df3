import { adminRouter } from "../routers/admin.ts";
import { analyticsRouter } from "../routers/analytics.ts";
import { channelsRouter } from "../routers/channels.ts";
import { creatorRouter } from "../routers/creator.ts";
import { giftsRouter } from "../routers/gifts.ts";
import { guardianRouter } from "../routers/guardian.ts";
import { limitsRouter } from "../routers/limits.ts";
import { meRouter } from "../routers/me.ts";
import { messagesRouter } from "../routers/messages.ts";
import { overlayRouter } from "../routers/overlay.ts";
import { perksRouter } from "../routers/perks.ts";
import { profileRouter } from "../routers/profile.ts";
import { sessionsRouter } from "../routers/sessions.ts";
import { storeRouter } from "../routers/store.ts";
import { streamsRouter } from "../routers/streams.ts";
import { supportRouter } from "../routers/support.ts";
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
  channels: channelsRouter,
  analytics: analyticsRouter,
  sessions: sessionsRouter,
  perks: perksRouter,
  messages: messagesRouter,
  profile: profileRouter,
  overlay: overlayRouter,
  support: supportRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
