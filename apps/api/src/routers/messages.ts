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
import { creatorProcedure, publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import { countSchema, isoDateTimeSchema } from "./output-schemas.ts";
import { creatorHandleSchema, spendInputSchema } from "./targets.ts";

const messageIdSchema = z.uuid("a message id is the id the inbox returned");
// Generous bounds on raw text; the services apply the rate card's limits with clear messages.
const textSchema = z.string().max(5_000);
const pageSchema = {
  cursor: messageIdSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(25),
};

/** A message as its sender sees it (`toSentMessage`). */
const sentMessageSchema = z.strictObject({
  id: z.uuid(),
  to: z.strictObject({ handle: z.string() }),
  body: z.string(),
  coins: countSchema,
  sentAt: isoDateTimeSchema,
  reply: z.string().nullable(),
  repliedAt: isoDateTimeSchema.nullable(),
});

/** A message as the creator sees it in their inbox (`toInboxMessage`). */
const inboxMessageSchema = z.strictObject({
  id: z.uuid(),
  senderName: z.string(),
  senderBlocked: z.boolean(),
  body: z.string(),
  coins: countSchema,
  diamonds: countSchema,
  sentAt: isoDateTimeSchema,
  readAt: isoDateTimeSchema.nullable(),
  reply: z.string().nullable(),
  repliedAt: isoDateTimeSchema.nullable(),
  hiddenAt: isoDateTimeSchema.nullable(),
});

export const messagesRouter = router({
  /** What a paid message to `@handle` costs, and whether the creator can take one. */
  price: publicProcedure
    .input(z.object({ handle: creatorHandleSchema }))
    .output(
      z.strictObject({
        handle: z.string(),
        priceCoins: countSchema,
        acceptsMessages: z.boolean(),
        maxLength: countSchema,
        rateCardVersion: z.string(),
      }),
    )
    .query(({ ctx, input }) => getMessagePrice(ctx, input)),

  /** Creator: sets the price of a message to them, within the rate card's bounds. */
  setPrice: creatorProcedure
    .input(z.object({ coins: z.number().int() }))
    .output(z.strictObject({ priceCoins: countSchema, rateCardVersion: z.string() }))
    .mutation(({ ctx, input }) => setMessagePrice(ctx, input)),

  /** Pays the creator's price to put a message in their inbox; retries with the same key are safe. */
  send: spendProcedure
    .input(
      spendInputSchema.extend({
        to: z.object({ handle: creatorHandleSchema }),
        body: textSchema,
        /** The price the viewer was shown; if it changed, the message is refused, not charged. */
        expectedCoins: z.number().int().min(1),
      }),
    )
    .output(
      z.strictObject({
        messageId: z.uuid(),
        replayed: z.boolean(),
        coinsSpent: countSchema,
        balance: countSchema,
        rateCardVersion: z.string(),
        message: sentMessageSchema,
      }),
    )
    .mutation(({ ctx, input }) => sendPaidMessage(ctx, input)),

  /** The caller's sent messages, newest first, with the creator's answer when there is one. */
  sent: viewerProcedure
    .input(z.object(pageSchema))
    .output(
      z.strictObject({
        items: z.array(sentMessageSchema),
        nextCursor: z.uuid().nullable(),
      }),
    )
    .query(({ ctx, input }) => listSentMessages(ctx, input)),

  /** Creator: the inbox, newest first; hidden messages only with `includeHidden`. */
  inbox: creatorProcedure
    .input(
      z.object({
        ...pageSchema,
        filter: z.enum(["all", "unread"]).default("all"),
        includeHidden: z.boolean().default(false),
      }),
    )
    .output(
      z.strictObject({
        items: z.array(inboxMessageSchema),
        nextCursor: z.uuid().nullable(),
        unreadCount: countSchema,
      }),
    )
    .query(({ ctx, input }) => listInbox(ctx, input)),

  /** Creator: marks a message read. */
  markRead: creatorProcedure
    .input(z.object({ id: messageIdSchema }))
    .output(inboxMessageSchema)
    .mutation(({ ctx, input }) => markMessageRead(ctx, input)),

  /** Creator: answers a message, once (a second answer is refused; the first stands). */
  reply: creatorProcedure
    .input(z.object({ id: messageIdSchema, body: textSchema }))
    .output(inboxMessageSchema)
    .mutation(({ ctx, input }) => replyToMessage(ctx, input)),

  /** Creator: hides a message from the inbox. */
  hide: creatorProcedure
    .input(z.object({ id: messageIdSchema }))
    .output(inboxMessageSchema)
    .mutation(({ ctx, input }) => setMessageHidden(ctx, { id: input.id, hidden: true })),

  /** Creator: brings a hidden message back. */
  unhide: creatorProcedure
    .input(z.object({ id: messageIdSchema }))
    .output(inboxMessageSchema)
    .mutation(({ ctx, input }) => setMessageHidden(ctx, { id: input.id, hidden: false })),

  /** Creator: blocks the sender of a message from sending more. */
  block: creatorProcedure
    .input(z.object({ messageId: messageIdSchema }))
    .output(z.strictObject({ userId: z.string(), name: z.string(), blocked: z.literal(true) }))
    .mutation(({ ctx, input }) => blockSender(ctx, input)),

  /** Creator: lifts a block, by the person's id (from `blocked`) or one of their messages. */
  unblock: creatorProcedure
    .input(
      z.union([
        z.object({ userId: z.string().min(1).max(200) }),
        z.object({ messageId: messageIdSchema }),
      ]),
    )
    .output(z.strictObject({ userId: z.string(), wasBlocked: z.boolean() }))
    .mutation(({ ctx, input }) => unblockSender(ctx, input)),

  /** Creator: the people they blocked. */
  blocked: creatorProcedure
    .output(
      z.array(
        z.strictObject({ userId: z.string(), name: z.string(), blockedAt: isoDateTimeSchema }),
      ),
    )
    .query(({ ctx }) => listBlocked(ctx)),
});
