import { z } from "zod";
import { sendTip } from "../services/gifts/send-gift-or-tip.ts";
import { router } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import { creatorPaymentSchema } from "./output-schemas.ts";
import { spendInputSchema, streamTargetSchema } from "./targets.ts";

export const tipsRouter = router({
  /** Tips a creator any whole number of coins with an optional message and owned sticker. */
  send: spendProcedure
    .input(
      spendInputSchema.extend({
        to: streamTargetSchema,
        coins: z.number().int().min(1).max(1_000_000),
        message: z.string().max(400).nullish(),
        /** A sticker the sender owns (profile.buy), shown with the tip on stream. */
        stickerId: z.string().min(1).max(64).nullish(),
      }),
    )
    .output(creatorPaymentSchema)
    .mutation(({ ctx, input }) => sendTip(ctx, input)),
});
