import { toSafeInteger } from "@coinstream/core";
import type { SqlRow, schema } from "@coinstream/db";

/** A paid_messages row as the inbox and sent-list queries select it. */
export type PaidMessageRow = Pick<
  SqlRow<typeof schema.paidMessages>,
  | "id"
  | "sender_name"
  | "body"
  | "coins"
  | "diamonds"
  | "created_at"
  | "read_at"
  | "reply"
  | "replied_at"
  | "hidden_at"
>;

/** A message as the creator sees it in their inbox. */
export function toInboxMessage(row: PaidMessageRow & { sender_blocked: boolean }) {
  return {
    id: row.id,
    senderName: row.sender_name,
    senderBlocked: row.sender_blocked,
    body: row.body,
    coins: toSafeInteger(row.coins),
    diamonds: toSafeInteger(row.diamonds),
    sentAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    reply: row.reply,
    repliedAt: row.replied_at?.toISOString() ?? null,
    hiddenAt: row.hidden_at?.toISOString() ?? null,
  };
}

/**
 * A message as its sender sees it: what they sent and paid, and the creator's answer. Whether
 * the creator read or hid it stays the creator's business.
 */
export function toSentMessage(row: PaidMessageRow & { handle: string }) {
  return {
    id: row.id,
    to: { handle: row.handle },
    body: row.body,
    coins: toSafeInteger(row.coins),
    sentAt: row.created_at.toISOString(),
    reply: row.reply,
    repliedAt: row.replied_at?.toISOString() ?? null,
  };
}

export type InboxMessage = ReturnType<typeof toInboxMessage>;
export type SentMessage = ReturnType<typeof toSentMessage>;
