import type { SupportTier } from "@coinstream/core";
import { SUPPORT_MESSAGE_RULES, SUPPORT_SUBJECT_RULES } from "@coinstream/core";
import { z } from "zod";
import { listMyTickets, openTicket, replyToTicket } from "../services/support/support-tickets.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { codeSchema, countSchema, supportTicketSchema } from "./output-schemas.ts";

// Generous outer bounds (line endings, surrounding spaces); core's rules count what is kept.
export const supportSubjectSchema = z.string().max(SUPPORT_SUBJECT_RULES.maxLength * 2);
export const supportBodySchema = z.string().max(SUPPORT_MESSAGE_RULES.maxLength * 2);

/** Support tickets for viewers and creators; frozen accounts may use it too. */
export const supportRouter = router({
  /** Opens a ticket with a first message; its place in the queue follows the person's tier. */
  open: viewerProcedure
    .input(z.object({ subject: supportSubjectSchema, body: supportBodySchema }))
    .output(supportTicketSchema)
    .mutation(({ ctx, input }) => openTicket(ctx, input)),

  /** The caller's tickets with their threads, and the answer time their tier is promised. */
  list: viewerProcedure
    .output(
      z.strictObject({
        tier: codeSchema<SupportTier>(),
        expectedAnswerHours: countSchema,
        tickets: z.array(supportTicketSchema),
      }),
    )
    .query(({ ctx }) => listMyTickets(ctx)),

  /** Adds the caller's reply to one of their tickets (not a closed one). */
  reply: viewerProcedure
    .input(z.object({ ticketId: z.uuid(), body: supportBodySchema }))
    .output(supportTicketSchema)
    .mutation(({ ctx, input }) => replyToTicket(ctx, input)),
});
