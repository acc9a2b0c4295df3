import { z } from "zod";
import { getCreatorStatus, registerCreator } from "../services/creators/creator-status.ts";
import { listCreatorEarnings } from "../services/creators/list-earnings.ts";
import { requireCreatorAccount } from "../services/creators/require-creator-account.ts";
import {
  getWithdrawal,
  requestWithdrawal,
  STRIPE_ACCOUNT_ID,
  setPayoutMethod,
} from "../services/payouts/withdrawals.ts";
import { getActiveRateCard } from "../services/rate-card/get-active-rate-card.ts";
import { listCreatorBoosts } from "../services/studio/boost-reach.ts";
import { getStudioOverview } from "../services/studio/get-studio-overview.ts";
import {
  ALERT_TIERS,
  getOverlaySettings,
  overlaySettingsSchema,
  setOverlaySettings,
} from "../services/studio/overlay-settings.ts";
import { sendTestAlert } from "../services/studio/send-test-alert.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { int8CursorSchema } from "./bounded-inputs.ts";
import { creatorStandingProcedures } from "./creator-standing.ts";
import { idempotencyKeySchema } from "./targets.ts";

export const creatorRouter = router({
  ...creatorStandingProcedures,
  /** Becomes a creator under a handle (what `coinstream:creator` meta tags name). */
  register: viewerProcedure
    .input(z.object({ handle: z.string().min(2).max(31) }))
    .mutation(({ ctx, input }) => registerCreator(ctx.sql, ctx.viewer, input.handle)),

  /** Channels, what is missing to receive gifts and to withdraw, and diamonds held, available and reserved. */
  status: viewerProcedure.query(({ ctx }) => getCreatorStatus(ctx.sql, ctx.viewer, ctx.now)),

  /**
   * The studio's money-first overview: earnings today, in 7 and 30 days (diamonds and cash), held
   * diamonds by the day they become available, what withdrawing the available ones pays now, and
   * the top 5 supporters of 30 days. `utcOffsetMinutes`: the creator's clock, for "today".
   */
  overview: viewerProcedure
    .input(
      z
        .object({ utcOffsetMinutes: z.number().int().min(-840).max(840).default(0) })
        .default({ utcOffsetMinutes: 0 }),
    )
    .query(({ ctx, input }) => getStudioOverview(ctx.sql, ctx.viewer.userId, input, ctx.now)),

  /** The OBS overlay's settings (defaults until the creator saves some). */
  overlaySettings: viewerProcedure.query(({ ctx }) =>
    getOverlaySettings(ctx.sql, ctx.viewer.userId),
  ),

  /** Saves the overlay's settings; open overlays apply them at once. */
  setOverlaySettings: viewerProcedure
    .input(overlaySettingsSchema)
    .mutation(({ ctx, input }) => setOverlaySettings(ctx.sql, ctx.viewer.userId, input)),

  /** Plays a test alert of a tier on the creator's open overlays: no coins move, nothing is counted. */
  sendTestAlert: viewerProcedure
    .input(z.object({ tier: z.enum(ALERT_TIERS) }))
    .mutation(async ({ ctx, input }) =>
      sendTestAlert(
        ctx.sql,
        ctx.viewer.userId,
        input.tier,
        await getActiveRateCard(ctx.sql, ctx.now),
        ctx.now,
      ),
    ),

  /** Boosts of the creator's stream, newest first, with impressions in listings and clicks through. */
  boosts: viewerProcedure.query(({ ctx }) =>
    listCreatorBoosts(ctx.sql, ctx.viewer.userId, ctx.now),
  ),

  /** Diamonds received, newest first, each with its source; reversals of refunded gifts are negative. */
  earnings: viewerProcedure
    .input(
      z.object({
        cursor: int8CursorSchema().nullish(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      await requireCreatorAccount(ctx.sql, ctx.viewer.userId);
      return listCreatorEarnings(ctx.sql, ctx.viewer.userId, {
        before: input.cursor ? BigInt(input.cursor) : null,
        limit: input.limit,
      });
    }),

  /**
   * Where withdrawals are paid: a method and a label the creator recognises; a Stripe method
   * also takes the connected account id (`acct_...`) the Stripe payout provider pays. Creators
   * only, and not while frozen: redirecting payouts is what an account takeover does first.
   */
  setPayoutMethod: viewerProcedure
    .input(
      z.discriminatedUnion("method", [
        z.object({
          method: z.enum(["bank", "paypal"]),
          label: z.string().trim().min(2).max(60),
        }),
        z.object({
          method: z.literal("stripe"),
          label: z.string().trim().min(2).max(60),
          stripeAccountId: z
            .string()
            .regex(
              STRIPE_ACCOUNT_ID,
              "a Stripe connected account id looks like acct_1Nv0FGQ9RKHgCVdK",
            ),
        }),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      const stripeAccountId = input.method === "stripe" ? input.stripeAccountId : null;
      await setPayoutMethod(ctx.sql, ctx.viewer.userId, input.method, input.label, stripeAccountId);
      return { method: input.method, label: input.label, stripeAccountId };
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
    await requireCreatorAccount(ctx.sql, ctx.viewer.userId);
    const rows = await ctx.sql<{ id: string }[]>`
      select id from withdrawals where user_id = ${ctx.viewer.userId} order by created_at desc limit 50`;
    return Promise.all(rows.map((row) => getWithdrawal(ctx.sql, ctx.viewer.userId, row.id)));
  }),
});
