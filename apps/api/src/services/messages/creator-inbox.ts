import { DomainError, DomainErrorCode, normalizeText, RATE_CARD } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";
import { type PaidMessageRow, toInboxMessage } from "./paid-message-rows.ts";

export interface InboxQuery {
  /** The last message id of the previous page. */
  readonly cursor?: string | null | undefined;
  readonly limit: number;
  readonly filter: "all" | "unread";
  readonly includeHidden: boolean;
}

const INBOX_COLUMNS = (sql: Sql) => sql`
  m.id, m.sender_name, m.body, m.coins, m.diamonds, m.created_at, m.read_at, m.reply,
  m.replied_at, m.hidden_at,
  exists (select 1 from creator_blocks b
          where b.creator_user_id = m.creator_user_id and b.blocked_user_id = m.sender_user_id)
    as sender_blocked`;

type InboxRow = PaidMessageRow & { sender_blocked: boolean };

/** The caller's inbox, newest first, keyset-paged by message id; hidden messages only when asked. */
export async function listInbox(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  query: InboxQuery,
) {
  const cursor = query.cursor ?? null;
  const rows = await sql<InboxRow[]>`
    select ${INBOX_COLUMNS(sql)} from paid_messages m
    where m.creator_user_id = ${userId}
      and (${query.includeHidden} or m.hidden_at is null)
      and (${query.filter === "all"} or m.read_at is null)
      and (${cursor}::uuid is null or (m.created_at, m.id) < (
        select created_at, id from paid_messages where id = ${cursor}::uuid and creator_user_id = ${userId}))
    order by m.created_at desc, m.id desc
    limit ${query.limit + 1}`;
  const [counts] = await sql<{ unread: bigint }[]>`
    select count(*)::int8 as unread from paid_messages
    where creator_user_id = ${userId} and read_at is null and hidden_at is null`;
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toInboxMessage),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    unreadCount: Number(counts?.unread ?? 0n),
  };
}

/** One message of the caller's inbox, or `NOT_FOUND` (also for another creator's message). */
export async function getInboxMessage(sql: Sql, userId: string, id: string) {
  const [row] = await sql<InboxRow[]>`
    select ${INBOX_COLUMNS(sql)} from paid_messages m
    where m.id = ${id} and m.creator_user_id = ${userId}`;
  if (!row) throw messageNotFound();
  return toInboxMessage(row);
}

export function messageNotFound(): DomainError {
  return new DomainError(DomainErrorCode.NOT_FOUND, "There is no such message in your inbox.");
}

/** Marks a message read (the first time counts; again is a no-op). */
export async function markMessageRead(
  { sql, creator: { userId }, now }: Pick<CreatorContext, "sql" | "creator" | "now">,
  { id }: { readonly id: string },
) {
  await sql`
    update paid_messages set read_at = coalesce(read_at, ${now})
    where id = ${id} and creator_user_id = ${userId}`;
  return getInboxMessage(sql, userId, id);
}

/** Answers a message, once: a second answer is refused and the first stands. */
export async function replyToMessage(
  { sql, creator: { userId }, now }: Pick<CreatorContext, "sql" | "creator" | "now">,
  input: { id: string; body: string },
) {
  const reply = normalizeText(input.body, {
    what: "A reply",
    maxLength: RATE_CARD.messages.maxReplyLength,
    allowLineBreaks: true,
  });
  const answered = await sql`
    update paid_messages set reply = ${reply}, replied_at = ${now}, read_at = coalesce(read_at, ${now})
    where id = ${input.id} and creator_user_id = ${userId} and reply is null`;
  const message = await getInboxMessage(sql, userId, input.id);
  if (answered.count === 0) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN_CHANGE,
      "You already answered this message; a message gets one answer.",
    );
  }
  return message;
}

/** Hides a message from the inbox (`hidden: false` brings it back); the sender is not told. */
export async function setMessageHidden(
  { sql, creator: { userId }, now }: Pick<CreatorContext, "sql" | "creator" | "now">,
  input: { id: string; hidden: boolean },
) {
  await sql`
    update paid_messages
    set hidden_at = case when ${input.hidden} then coalesce(hidden_at, ${now}) end
    where id = ${input.id} and creator_user_id = ${userId}`;
  return getInboxMessage(sql, userId, input.id);
}
