import type { WithdrawalRefusal } from "@coinstream/core";
import { z } from "zod";
import { getCreatorStatus, registerCreator } from "../services/creators/creator-status.ts";
import { listCreatorEarnings } from "../services/creators/list-earnings.ts";
import {
  listWithdrawals,
  requestWithdrawal,
  STRIPE_ACCOUNT_ID,
  setPayoutMethod,
} from "../services/payouts/withdrawals.ts";
import { listCreatorBoosts } from "../services/studio/boost-reach.ts";
import type { EarningsWindowName } from "../services/studio/earnings-windows.ts";
import { getStudioOverview } from "../services/studio/get-studio-overview.ts";
import {
  ALERT_TIERS,
  GIFT_TIERS,
  getOverlaySettings,
  overlaySettingsSchema,
  setOverlaySettings,
} from "../services/studio/overlay-settings.ts";
import { sendTestAlert } from "../services/studio/send-test-alert.ts";
import { creatorProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { int8CursorSchema } from "./bounded-inputs.ts";
import { creatorStandingProcedures } from "./creator-standing.ts";
import {
  codeSchema,
  countSchema,
  eligibilityReasonSchema,
  isoDateTimeSchema,
  rankedSupporterSchema,
} from "./output-schemas.ts";
import { creatorHandleSchema, idempotencyKeySchema } from "./targets.ts";

const payoutMethodSchema = z.enum(["bank", "paypal", "stripe"]);

const creatorStatusSchema = z.discriminatedUnion("isCreator", [
  z.strictObject({ isCreator: z.literal(false) }),
  z.strictObject({
    isCreator: z.literal(true),
    handle: z.string(),
    tier: z.string(),
    channels: z.array(
      z.strictObject({
        platform: z.string(),
        channel: z.string(),
        followers: countSchema,
        followersVerified: z.boolean(),
        followersCounted: z.boolean(),
        followersReview: z.enum(["pending", "approved", "rejected"]).nullable(),
        verified: z.boolean(),
      }),
    ),
    payoutMethod: z
      .object({ method: z.string(), label: z.string(), inReview: z.boolean() })
      .nullable(),
    canReceive: z.boolean(),
    receiveMissing: z.array(eligibilityReasonSchema).readonly(),
    canWithdraw: z.boolean(),
    withdrawMissing: z.array(eligibilityReasonSchema).readonly(),
    diamonds: z.strictObject({
      held: countSchema,
      available: countSchema,
      reserved: countSchema,
      nextReleaseAt: isoDateTimeSchema.nullable(),
    }),
  }),
]);

const earningSourceSchema = z.enum(["gift", "tip", "message"]);
const earningsSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      kind: z.enum(["gift", "tip", "message", "reversal"]),
      of: earningSourceSchema,
      diamonds: countSchema,
      giftId: z.string().nullable(),
      giftName: z.string().nullable(),
      count: countSchema,
      coins: countSchema,
      senderName: z.string().nullable(),
      events: countSchema,
      label: z.string(),
      message: z.string().nullable(),
      reversal: z
        .object({
          reason: z.enum(["refund", "chargeback"]),
          giftAt: z.string(),
          isPartial: z.boolean(),
        })
        .nullable(),
      at: isoDateTimeSchema,
      firstAt: isoDateTimeSchema,
    }),
  ),
  nextCursor: z.string().nullable(),
});

const withdrawalSchema = z.strictObject({
  withdrawalId: z.uuid(),
  diamonds: countSchema,
  netUsdMinor: countSchema,
  status: z.enum(["review", "pending", "processing", "paid", "failed"]),
  failureReason: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});

const overviewSchema = z.strictObject({
  currency: z.literal("USD"),
  rateCardVersion: z.string(),
  held: z.strictObject({
    diamonds: countSchema,
    releasingNowDiamonds: countSchema,
    schedule: z.array(z.strictObject({ diamonds: countSchema, releaseAt: isoDateTimeSchema })),
    valueUsdMinor: countSchema,
  }),
  available: z.strictObject({
    diamonds: countSchema,
    valueUsdMinor: countSchema,
    reservedDiamonds: countSchema,
  }),
  earnings: z.array(
    z.strictObject({
      window: codeSchema<EarningsWindowName>(),
      from: isoDateTimeSchema,
      events: countSchema,
      coins: countSchema,
      diamonds: countSchema,
      reversedDiamonds: countSchema,
      valueUsdMinor: countSchema,
    }),
  ),
  withdrawal: z
    .strictObject({
      diamonds: countSchema,
      method: payoutMethodSchema,
      isMethodAssumed: z.boolean(),
      grossUsdMinor: countSchema,
      feeUsdMinor: countSchema,
      netUsdMinor: countSchema,
      allowed: z.boolean(),
      maxDiamonds: countSchema,
      reasons: z
        .array(z.strictObject({ code: codeSchema<WithdrawalRefusal>(), message: z.string() }))
        .readonly(),
    })
    .nullable(),
  topSupporters: z.array(rankedSupporterSchema),
});

/** The overlay's settings as stored (the input schema's bounds were checked on the way in). */
const overlaySettingsOutputSchema = z.strictObject({
  minAlertCoins: countSchema,
  alertSeconds: countSchema,
  sound: z.strictObject({ enabled: z.boolean(), volumePercent: countSchema }),
  fullScreenTiers: z.array(z.enum(GIFT_TIERS)),
  showGoalBar: z.boolean(),
  showTopGifters: z.boolean(),
  colours: z.strictObject({
    highlight: z.string(),
    accent: z.string(),
    text: z.string(),
    panel: z.string(),
  }),
});

const testAlertSchema = z.strictObject({
  sent: z.literal(true),
  tier: z.enum(ALERT_TIERS),
  event: z.strictObject({
    id: z.string(),
    test: z.boolean(),
    kind: z.string(),
    creatorHandle: z.string(),
    viewerName: z.string(),
    viewerStyle: z.null(),
    coins: countSchema,
    giftId: z.string().nullable(),
    count: countSchema,
    comboCount: countSchema,
    comboId: z.null(),
    message: z.string().nullable(),
    at: isoDateTimeSchema,
  }),
});

const boostSchema = z.strictObject({
  id: z.string(),
  paidBy: z.enum(["you", "supporter"]),
  minutes: countSchema,
  coins: countSchema,
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
  isRunning: z.boolean(),
  impressions: countSchema,
  clicks: countSchema,
});

export const creatorRouter = router({
  ...creatorStandingProcedures,
  /** Becomes a creator under a handle (what `coinstream:creator` meta tags name). */
  register: viewerProcedure
    .input(z.object({ handle: creatorHandleSchema }))
    .output(z.strictObject({ handle: z.string() }))
    .mutation(({ ctx, input }) => registerCreator(ctx, input)),

  /** Channels, what is missing to receive gifts and to withdraw, and diamonds held, available and reserved. */
  status: viewerProcedure.output(creatorStatusSchema).query(({ ctx }) => getCreatorStatus(ctx)),

  /**
   * The studio's money-first overview: earnings today, in 7 and 30 days (diamonds and cash), held
   * diamonds by the day they become available, what withdrawing the available ones pays now, and
   * the top 5 supporters of 30 days. `utcOffsetMinutes`: the creator's clock, for "today".
   */
  overview: creatorProcedure
    .input(
      z
        .object({ utcOffsetMinutes: z.number().int().min(-840).max(840).default(0) })
        .default({ utcOffsetMinutes: 0 }),
    )
    .output(overviewSchema)
    .query(({ ctx, input }) => getStudioOverview(ctx, input)),

  /** The OBS overlay's settings (defaults until the creator saves some). */
  overlaySettings: creatorProcedure
    .output(overlaySettingsOutputSchema)
    .query(({ ctx }) => getOverlaySettings(ctx)),

  /** Saves the overlay's settings; open overlays apply them at once. */
  setOverlaySettings: creatorProcedure
    .input(overlaySettingsSchema)
    .output(overlaySettingsOutputSchema)
    .mutation(({ ctx, input }) => setOverlaySettings(ctx, input)),

  /** Plays a test alert of a tier on the creator's open overlays: no coins move, nothing is counted. */
  sendTestAlert: creatorProcedure
    .input(z.object({ tier: z.enum(ALERT_TIERS) }))
    .output(testAlertSchema)
    .mutation(({ ctx, input }) => sendTestAlert(ctx, input)),

  /** Boosts of the creator's stream, newest first, with impressions in listings and clicks through. */
  boosts: creatorProcedure.output(z.array(boostSchema)).query(({ ctx }) => listCreatorBoosts(ctx)),

  /** Diamonds received, newest first, each with its source; reversals of refunded gifts are negative. */
  earnings: creatorProcedure
    .input(
      z.object({
        cursor: int8CursorSchema().nullish(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .output(earningsSchema)
    .query(({ ctx, input }) => listCreatorEarnings(ctx, input)),

  /**
   * Where withdrawals are paid: a method and a label the creator recognises; a Stripe method
   * also takes the connected account id (`acct_...`) the Stripe payout provider pays. Creators
   * only, and not while frozen: redirecting payouts is what an account takeover does first.
   */
  setPayoutMethod: creatorProcedure
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
    .output(
      z.strictObject({
        method: payoutMethodSchema,
        label: z.string(),
        stripeAccountId: z.string().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => setPayoutMethod(ctx, input)),

  /** Withdraws available diamonds: reserved now, paid by the payout job, shown in `withdrawals`. */
  withdraw: creatorProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        diamonds: z.number().int().min(1).max(100_000_000),
      }),
    )
    .output(withdrawalSchema)
    .mutation(({ ctx, input }) => requestWithdrawal(ctx, input)),

  /** The creator's withdrawals, newest first, with their state. */
  withdrawals: creatorProcedure
    .output(z.array(withdrawalSchema))
    .query(({ ctx }) => listWithdrawals(ctx)),
});
