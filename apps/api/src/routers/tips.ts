import { validateTip } from "@coinstream/core";
import { z } from "zod";
import { sendToCreator } from "../services/gifts/send-to-creator.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { idempotencyKeySchema, streamTargetSchema } from "./targets.ts";

export const tipsRouter = router({
  /** Tips a creator any whole number of coins with an optional message. */
  send: viewerProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        to: streamTargetSchema,
        coins: z.number().int().min(1).max(1_000_000),
        message: z.string().max(400).nullish(),
        /** Required once the amount reaches the person's own confirmation threshold. */
        confirm: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => {
      const tip = validateTip(input.coins, input.message);
      return sendToCreator(
        ctx.sql,
        ctx.ledger,
        ctx.viewer,
        {
          idempotencyKey: input.idempotencyKey,
          to: input.to,
          coins: tip.coins,
          kind: "tip",
          giftId: null,
          count: 1,
          message: tip.message,
          confirmed: input.confirm,
        },
        ctx.now,
      );
    }),
});
