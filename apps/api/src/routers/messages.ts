import { z } from "zod";
import { blockSender, listBlocked, unblockSender } from "../services/messages/creator-blocks.ts";
import {
  listInbox,
  markMessageRead,
  replyToMessage,
  setMessageHidden,
} from "../services/messages/creator-inbox.ts";
import { listSentMessages } from "../services/messages/list-sent-messages.ts";
import { getMessagePrice, setMessagePrice } from "../services/messages/message-price.ts";
import { sendPaidMessage } from "../services/messages/send-paid-message.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { idempotencyKeySchema } from "./targets.ts";

const handleSchema = z.string().min(2).max(31);
const messageIdSchema = z.uuid("a message id is the id the inbox returned");
// Generous bounds on raw text; the services apply the rate card's limits with clear messages.
const textSchema = z.string().max(5_000);
const pageSchema = {
  cursor: messageIdSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(25),
};

export const messagesRouter = router({
  /** What a paid message to `@handle` costs, and whether the creator can take one. */
  price: publicProcedure
    .input(z.object({ handle: handleSchema }))
    .query(({ ctx, input }) => getMessagePrice(ctx.sql, input.handle, ctx.now)),

  /** Creator: sets the price of a message to them, within the rate card's bounds. */
  setPrice: viewerProcedure
    .input(z.object({ coins: z.number().int() }))
    .mutation(({ ctx, input }) => setMessagePrice(ctx.sql, ctx.viewer.userId, input.coins)),

  /** Pays the creator's price to put a message in their inbox; retries with the same key are safe. */
  send: viewerProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        to: z.object({ handle: handleSchema }),
        body: textSchema,
        /** The price the viewer was shown; if it changed, the message is refused, not charged. */
        expectedCoins: z.number().int().min(1),
        /** Required once the price reaches the person's own confirmation threshold. */
        confirm: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => sendPaidMessage(ctx.sql, ctx.ledger, ctx.viewer, input, ctx.now)),

  /** The caller's sent messages, newest first, with the creator's answer when there is one. */
  sent: viewerProcedure
    .input(z.object(pageSchema))
    .query(({ ctx, input }) => listSentMessages(ctx.sql, ctx.viewer.userId, input)),

  /** Creator: the inbox, newest first; hidden messages only with `includeHidden`. */
  inbox: viewerProcedure
    .input(
      z.object({
        ...pageSchema,
        filter: z.enum(["all", "unread"]).default("all"),
        includeHidden: z.boolean().default(false),
      }),
    )
    .query(({ ctx, input }) => listInbox(ctx.sql, ctx.viewer.userId, input)),

  /** Creator: marks a message read. */
  markRead: viewerProcedure
    .input(z.object({ id: messageIdSchema }))
    .mutation(({ ctx, input }) => markMessageRead(ctx.sql, ctx.viewer.userId, input.id, ctx.now)),

  /** Creator: answers a message, once (a second answer is refused; the first stands). */
  reply: viewerProcedure
    .input(z.object({ id: messageIdSchema, body: textSchema }))
    .mutation(({ ctx, input }) => replyToMessage(ctx.sql, ctx.viewer.userId, input, ctx.now)),

  /** Creator: hides a message from the inbox. */
  hide: viewerProcedure
    .input(z.object({ id: messageIdSchema }))
    .mutation(({ ctx, input }) =>
      setMessageHidden(ctx.sql, ctx.viewer.userId, { id: input.id, hidden: true }, ctx.now),
    ),

  /** Creator: brings a hidden message back. */
  unhide: viewerProcedure
    .input(z.object({ id: messageIdSchema }))
    .mutation(({ ctx, input }) =>
      setMessageHidden(ctx.sql, ctx.viewer.userId, { id: input.id, hidden: false }, ctx.now),
    ),

  /** Creator: blocks the sender of a message from sending more. */
  block: viewerProcedure
    .input(z.object({ messageId: messageIdSchema }))
    .mutation(({ ctx, input }) => blockSender(ctx.sql, ctx.viewer.userId, input.messageId)),

  /** Creator: lifts a block, by the person's id (from `blocked`) or one of their messages. */
  unblock: viewerProcedure
    .input(
      z.union([
        z.object({ userId: z.string().min(1).max(200) }),
        z.object({ messageId: messageIdSchema }),
      ]),
    )
    .mutation(({ ctx, input }) => unblockSender(ctx.sql, ctx.viewer.userId, input)),

  /** Creator: the people they blocked. */
  blocked: viewerProcedure.query(({ ctx }) => listBlocked(ctx.sql, ctx.viewer.userId)),
});
