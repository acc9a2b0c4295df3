import { z } from "zod";
import { startAgeCheck } from "../services/guardians/age-checks.ts";
import {
  cancelGuardianInvite,
  confirmGuardianLink,
  declineGuardianInvite,
  listGuardianLinks,
  proposeGuardianLink,
} from "../services/guardians/guardian-invites.ts";
import { listNotifications, setGuardianControls } from "../services/guardians/guardian-links.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { isoDateTimeSchema } from "./output-schemas.ts";

const capSchema = z.number().int().min(0).max(100_000_000).nullable().optional();
const linkSchema = z.object({ linkId: z.uuid() });

const roleSchema = z.enum(["guardian", "supervised"]);

/** An invitation just made (the same answer whether or not an account uses the email). */
const inviteSchema = z.strictObject({
  linkId: z.uuid(),
  status: z.literal("pending"),
  expiresAt: isoDateTimeSchema,
});

/** A link or invitation as the caller sees it (`GuardianLinkView`): never another person's id. */
const linkViewSchema = z.discriminatedUnion("status", [
  z.strictObject({
    linkId: z.uuid(),
    role: roleSchema,
    status: z.literal("active"),
    name: z.string(),
    email: z.string(),
    mayPurchase: z.boolean(),
  }),
  z.strictObject({
    linkId: z.uuid(),
    role: roleSchema,
    status: z.enum(["pending", "declined", "expired"]),
    awaiting: roleSchema,
    name: z.string().nullable(),
    email: z.string(),
    expiresAt: isoDateTimeSchema,
  }),
]);

export const guardianRouter = router({
  /**
   * A parent or guardian (a card-checked adult) invites the holder of this email to be
   * supervised. The answer is the same whether or not an account uses the email.
   */
  invite: viewerProcedure
    .input(z.object({ email: z.email() }))
    .output(inviteSchema)
    .mutation(({ ctx, input }) =>
      proposeGuardianLink(ctx, { email: input.email, role: "guardian" }),
    ),

  /** A person asks the holder of this email to be their guardian; the same answer either way. */
  request: viewerProcedure
    .input(z.object({ email: z.email() }))
    .output(inviteSchema)
    .mutation(({ ctx, input }) =>
      proposeGuardianLink(ctx, { email: input.email, role: "supervised" }),
    ),

  /** The invitee confirms an open invitation; supervision starts under the same link id. */
  confirm: viewerProcedure
    .input(linkSchema)
    .output(z.strictObject({ confirmed: z.boolean() }))
    .mutation(({ ctx, input }) => confirmGuardianLink(ctx, input)),

  /** The invitee turns an open invitation down. */
  decline: viewerProcedure
    .input(linkSchema)
    .output(z.strictObject({ declined: z.boolean() }))
    .mutation(({ ctx, input }) => declineGuardianInvite(ctx, input)),

  /** The inviter withdraws an open invitation. */
  cancel: viewerProcedure
    .input(linkSchema)
    .output(z.strictObject({ cancelled: z.boolean() }))
    .mutation(({ ctx, input }) => cancelGuardianInvite(ctx, input)),

  /**
   * Starts the card check a guardian passes to prove they are an adult (nothing is charged):
   * the page to open, or `verified` when it is already done.
   */
  startAgeCheck: viewerProcedure
    .output(
      z.union([z.strictObject({ verified: z.literal(true) }), z.strictObject({ url: z.string() })]),
    )
    .mutation(({ ctx }) => startAgeCheck(ctx)),

  /** The guardian sets the supervised account's caps (0 blocks spending) and purchase permission. */
  setControls: viewerProcedure
    .input(
      linkSchema.extend({
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
    .output(z.strictObject({ updated: z.boolean() }))
    .mutation(({ ctx, input }) => setGuardianControls(ctx, input)),

  /** The caller's links and invitations, on either side; link ids only, never user ids. */
  links: viewerProcedure.output(z.array(linkViewSchema)).query(({ ctx }) => listGuardianLinks(ctx)),

  /** The caller's notifications, newest first (a guardian hears of each supervised purchase). */
  notifications: viewerProcedure
    .output(
      z.array(
        z.strictObject({
          at: isoDateTimeSchema,
          kind: z.string(),
          payload: z.record(z.string(), z.unknown()),
        }),
      ),
    )
    .query(({ ctx }) => listNotifications(ctx)),
});
