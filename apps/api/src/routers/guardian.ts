import { z } from "zod";
import {
  confirmGuardianLink,
  proposeGuardianLink,
  setGuardianControls,
} from "../services/guardians/guardian-links.ts";
import { router, viewerProcedure } from "../trpc/init.ts";

const capSchema = z.number().int().min(0).max(100_000_000).nullable().optional();

export const guardianRouter = router({
  /** A parent or guardian asks to supervise the account with this email; it must confirm. */
  invite: viewerProcedure
    .input(z.object({ email: z.email() }))
    .mutation(({ ctx, input }) =>
      proposeGuardianLink(ctx.sql, ctx.viewer, input.email, "guardian", ctx.now),
    ),

  /** A person asks the account with this email to be their guardian; it must confirm. */
  request: viewerProcedure
    .input(z.object({ email: z.email() }))
    .mutation(({ ctx, input }) =>
      proposeGuardianLink(ctx.sql, ctx.viewer, input.email, "supervised", ctx.now),
    ),

  /** The other side confirms a pending link; supervision starts. */
  confirm: viewerProcedure
    .input(z.object({ linkId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await confirmGuardianLink(ctx.sql, ctx.viewer, input.linkId);
      return { confirmed: true };
    }),

  /** The guardian sets the supervised account's caps (0 blocks spending) and purchase permission. */
  setControls: viewerProcedure
    .input(
      z.object({
        supervisedUserId: z.string().min(1).max(100),
        mayPurchase: z.boolean().optional(),
        caps: z
          .object({
            dailyCoins: capSchema,
            weeklyCoins: capSchema,
            monthlyCoins: capSchema,
            perSpendCoins: capSchema,
            confirmFromCoins: capSchema,
          })
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setGuardianControls(
        ctx.sql,
        ctx.viewer,
        input.supervisedUserId,
        {
          ...(input.caps ? { caps: input.caps } : {}),
          ...(input.mayPurchase === undefined ? {} : { mayPurchase: input.mayPurchase }),
        },
        ctx.now,
      );
      return { updated: true };
    }),

  /** Links the caller is part of, on either side, pending or active. */
  links: viewerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.sql<
      {
        id: string;
        guardian_user_id: string;
        supervised_user_id: string;
        awaiting: string | null;
        may_purchase: boolean;
      }[]
    >`select id, guardian_user_id, supervised_user_id, awaiting, may_purchase from guardian_links
      where guardian_user_id = ${ctx.viewer.userId} or supervised_user_id = ${ctx.viewer.userId}
      order by created_at`;
    return rows.map((row) => ({
      linkId: row.id,
      role:
        row.guardian_user_id === ctx.viewer.userId
          ? ("guardian" as const)
          : ("supervised" as const),
      guardianUserId: row.guardian_user_id,
      supervisedUserId: row.supervised_user_id,
      awaiting: row.awaiting,
      mayPurchase: row.may_purchase,
    }));
  }),

  /** The caller's notifications, newest first (a guardian hears of each supervised purchase). */
  notifications: viewerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.sql<
      { kind: string; payload: Record<string, unknown>; created_at: Date }[]
    >`
      select kind, payload, created_at from notifications where user_id = ${ctx.viewer.userId}
      order by created_at desc limit 100`;
    return rows.map((row) => ({
      kind: row.kind,
      payload: row.payload,
      at: row.created_at.toISOString(),
    }));
  }),
});
