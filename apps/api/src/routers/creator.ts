import { accountId, listAccountTransfers } from "@coinstream/db";
import { z } from "zod";
import { getCreatorStatus, registerCreator } from "../services/creators/creator-status.ts";
import {
  getWithdrawal,
  requestWithdrawal,
  setPayoutMethod,
} from "../services/payouts/withdrawals.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { idempotencyKeySchema } from "./targets.ts";

export const creatorRouter = router({
  /** Becomes a creator under a handle (what `coinstream:creator` meta tags name). */
  register: viewerProcedure
    .input(z.object({ handle: z.string().min(2).max(31) }))
    .mutation(({ ctx, input }) => registerCreator(ctx.sql, ctx.viewer, input.handle)),

  /** Channels, what is missing to receive gifts and to withdraw, and diamonds held, available and reserved. */
  status: viewerProcedure.query(({ ctx }) => getCreatorStatus(ctx.sql, ctx.viewer, ctx.now)),

  /** Diamonds received, newest first, each with its source (which gift or a tip, and its message). */
  earnings: viewerProcedure
    .input(
      z.object({
        cursor: z
          .string()
          .regex(/^\d{1,19}$/)
          .nullish(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const held = accountId({ ownerId: ctx.viewer.userId, purpose: "creator_held" });
      const page = await listAccountTransfers(ctx.sql, {
        accountId: held,
        before: input.cursor ? BigInt(input.cursor) : null,
        limit: input.limit,
        codes: ["gift_diamonds", "tip_diamonds"],
      });
      return {
        items: page.transfers.map((t) => ({
          diamonds: Number(t.amount),
          kind: t.code === "gift_diamonds" ? ("gift" as const) : ("tip" as const),
          giftId: (t.metadata.giftId as string | undefined) ?? null,
          count: (t.metadata.count as number | undefined) ?? 1,
          message: (t.metadata.message as string | null | undefined) ?? null,
          at: t.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor?.toString() ?? null,
      };
    }),

  /** Where withdrawals are paid: a method and a label the creator recognises. */
  setPayoutMethod: viewerProcedure
    .input(
      z.object({
        method: z.enum(["bank", "paypal", "stripe"]),
        label: z.string().trim().min(2).max(60),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setPayoutMethod(ctx.sql, ctx.viewer.userId, input.method, input.label);
      return { method: input.method, label: input.label };
    }),

  /** Withdraws available diamonds: reserved now, paid by the payout job, shown in `withdrawals`. */
  withdraw: viewerProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        diamonds: z.number().int().min(1).max(100_000_000),
      }),
    )
    .mutation(({ ctx, input }) =>
      requestWithdrawal(ctx.sql, ctx.ledger, ctx.viewer, input, ctx.now),
    ),

  /** The creator's withdrawals, newest first, with their state. */
  withdrawals: viewerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.sql<{ id: string }[]>`
      select id from withdrawals where user_id = ${ctx.viewer.userId} order by created_at desc limit 50`;
    return Promise.all(rows.map((row) => getWithdrawal(ctx.sql, ctx.viewer.userId, row.id)));
  }),
});
