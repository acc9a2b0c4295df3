import { z } from "zod";
import { freezeAccount, unfreezeAccount } from "../services/admin/freeze-account.ts";
import { listAdminAudit } from "../services/admin/list-admin-audit.ts";
import { publishRateCard } from "../services/admin/publish-rate-card.ts";
import {
  listEnteredFollowerCounts,
  reviewFollowerCount,
} from "../services/admin/review-follower-counts.ts";
import {
  approveWithdrawal,
  listFlaggedWithdrawals,
  rejectWithdrawal,
} from "../services/admin/review-withdrawals.ts";
import { runLedgerCheck } from "../services/admin/run-ledger-check.ts";
import {
  createPromotion,
  endPromotion,
  listPromotions,
} from "../services/promotions/manage-promotions.ts";
import { closeSupport, listSupportQueue, replySupport } from "../services/support/support-queue.ts";
import { adminProcedure, router } from "../trpc/init.ts";
import { adminCommunityProcedures } from "./admin-community.ts";
import { storableDateTimeSchema } from "./bounded-inputs.ts";
import {
  countSchema,
  isoDateTimeSchema,
  promotionViewSchema,
  supportTicketSchema,
} from "./output-schemas.ts";
import { createPromotionSchema } from "./promotion-inputs.ts";
import { supportBodySchema } from "./support.ts";

const userIdSchema = z.string().trim().min(1).max(200);
const reasonSchema = z.string().trim().min(3).max(500);

/** A promotion in the admin's list: its view, its status and what it granted. */
const adminPromotionSchema = promotionViewSchema.extend({
  status: z.string(),
  createdBy: z.string(),
  createdAt: isoDateTimeSchema,
  endedBy: z.string().nullable(),
  grantedPurchases: countSchema,
  grantedCoins: countSchema,
});

/** A ticket in the support queue, with who opened it and its place in the queue. */
const queuedTicketSchema = supportTicketSchema.extend({
  userId: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  priority: z.number(),
});

const withdrawalDecisionSchema = <Status extends string>(status: Status) =>
  z.strictObject({ withdrawalId: z.uuid(), status: z.literal(status) });

/** Admin tools; every procedure writes an `admin_audit` row with its effect. */
export const adminRouter = router({
  ...adminCommunityProcedures,
  /** Freezes an account: it may sign in and read, but moves no value until unfrozen. */
  freeze: adminProcedure
    .input(z.object({ userId: userIdSchema, reason: reasonSchema }))
    .output(
      z.strictObject({
        userId: z.string(),
        frozen: z.literal(true),
        frozenAt: isoDateTimeSchema,
        reason: z.string(),
      }),
    )
    .mutation(({ ctx, input }) => freezeAccount(ctx, input)),

  /** Lifts a freeze. */
  unfreeze: adminProcedure
    .input(z.object({ userId: userIdSchema }))
    .output(z.strictObject({ userId: z.string(), frozen: z.literal(false) }))
    .mutation(({ ctx, input }) => unfreezeAccount(ctx, input)),

  /** Withdrawals the fraud rules hold for review, oldest first, with the reasons. */
  flaggedWithdrawals: adminProcedure
    .output(
      z.array(
        z.strictObject({
          withdrawalId: z.uuid(),
          userId: z.string(),
          handle: z.string().nullable(),
          email: z.string().nullable(),
          diamonds: countSchema,
          netUsdMinor: countSchema,
          method: z.string(),
          label: z.string().nullable(),
          flagReasons: z.array(z.string()),
          createdAt: isoDateTimeSchema,
        }),
      ),
    )
    .query(({ ctx }) => listFlaggedWithdrawals(ctx)),

  /** Lets a flagged withdrawal through: the payout job pays it next. */
  approveWithdrawal: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(withdrawalDecisionSchema("pending"))
    .mutation(({ ctx, input }) => approveWithdrawal(ctx, input)),

  /** Refuses a flagged withdrawal: the diamonds return to available; the creator sees the reason. */
  rejectWithdrawal: adminProcedure
    .input(z.object({ id: z.uuid(), reason: reasonSchema }))
    .output(withdrawalDecisionSchema("failed"))
    .mutation(({ ctx, input }) => rejectWithdrawal(ctx, input)),

  /** Follower counts creators entered (their page shows none), waiting for review. */
  enteredFollowerCounts: adminProcedure
    .output(
      z.array(
        z.strictObject({
          channelId: z.uuid(),
          userId: z.string(),
          handle: z.string().nullable(),
          platform: z.string(),
          channel: z.string(),
          url: z.string().nullable(),
          followers: countSchema,
        }),
      ),
    )
    .query(({ ctx }) => listEnteredFollowerCounts(ctx)),

  /** Approves an entered follower count (it then counts for eligibility) or rejects it. */
  reviewFollowerCount: adminProcedure
    .input(z.object({ channelId: z.uuid(), decision: z.enum(["approve", "reject"]) }))
    .output(
      z.strictObject({ channelId: z.uuid(), followers: countSchema, followersReview: z.string() }),
    )
    .mutation(({ ctx, input }) => reviewFollowerCount(ctx, input)),

  /** Runs the ledger's invariant check; an empty list means the books balance. */
  runLedgerCheck: adminProcedure
    .output(
      z.strictObject({
        ok: z.boolean(),
        violations: z.array(z.record(z.string(), z.string())),
      }),
    )
    .mutation(({ ctx }) => runLedgerCheck(ctx)),

  /** Schedules a rate card version from core's RATE_CARDS to take effect at `activeFrom`. */
  publishRateCard: adminProcedure
    .input(
      z.object({
        version: z.string().trim().min(1).max(40),
        activeFrom: storableDateTimeSchema.transform((iso) => new Date(iso)),
      }),
    )
    .output(
      z.strictObject({
        activationId: z.string(),
        version: z.string(),
        activeFrom: isoDateTimeSchema,
        publishedAt: isoDateTimeSchema,
      }),
    )
    .mutation(({ ctx, input }) => publishRateCard(ctx, input)),

  /** Creates a bonus-coin promotion (percent or fixed, per region and pack, time-boxed). */
  createPromotion: adminProcedure
    .input(createPromotionSchema)
    .output(promotionViewSchema)
    .mutation(({ ctx, input }) => createPromotion(ctx, input)),

  /** Ends a promotion now; purchases already checked out with it still get it. */
  endPromotion: adminProcedure
    .input(z.object({ id: z.string().trim().min(1).max(100) }))
    .output(promotionViewSchema)
    .mutation(({ ctx, input }) => endPromotion(ctx, input)),

  /** Every promotion, newest first, with its status and what it granted. */
  promotions: adminProcedure
    .output(z.array(adminPromotionSchema))
    .query(({ ctx }) => listPromotions(ctx)),

  /** Support tickets by priority (gifter level, lifetime coins spent), then the oldest first. */
  supportQueue: adminProcedure
    .input(
      z
        .object({
          status: z.enum(["open", "answered", "closed"]).default("open"),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ status: "open", limit: 50 }),
    )
    .output(z.array(queuedTicketSchema))
    .query(({ ctx, input }) => listSupportQueue(ctx, input)),

  /** Answers a support ticket; the person sees it in the popup's Support page. */
  replySupport: adminProcedure
    .input(z.object({ ticketId: z.uuid(), body: supportBodySchema }))
    .output(supportTicketSchema)
    .mutation(({ ctx, input }) => replySupport(ctx, input)),

  /** Closes a support ticket. */
  closeSupport: adminProcedure
    .input(z.object({ ticketId: z.uuid() }))
    .output(supportTicketSchema)
    .mutation(({ ctx, input }) => closeSupport(ctx, input)),

  /** The audit trail, newest first. */
  audit: adminProcedure
    .input(
      z.object({
        cursor: z.uuid().nullish(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .output(
      z.strictObject({
        items: z.array(
          z.strictObject({
            id: z.string(),
            at: isoDateTimeSchema,
            adminUserId: z.string(),
            action: z.string(),
            targetType: z.string().nullable(),
            targetId: z.string().nullable(),
            details: z.record(z.string(), z.unknown()),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listAdminAudit(ctx, input)),
});
