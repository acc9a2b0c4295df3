import type { Sql } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";
import { messageNotFound } from "./creator-inbox.ts";

/** Who sent one of the caller's messages, or `NOT_FOUND` for a message that is not theirs. */
async function senderOf(sql: Sql, creatorUserId: string, messageId: string) {
  const [row] = await sql<{ sender_user_id: string; sender_name: string }[]>`
    select sender_user_id, sender_name from paid_messages
    where id = ${messageId} and creator_user_id = ${creatorUserId}`;
  if (!row) throw messageNotFound();
  return { userId: row.sender_user_id, name: row.sender_name };
}

/** Blocks the sender of one of the caller's messages: they can send the caller no more. */
export async function blockSender(
  { sql, creator: { userId: creatorUserId } }: Pick<CreatorContext, "sql" | "creator">,
  { messageId }: { readonly messageId: string },
) {
  const sender = await senderOf(sql, creatorUserId, messageId);
  await sql`
    insert into creator_blocks (creator_user_id, blocked_user_id)
    values (${creatorUserId}, ${sender.userId})
    on conflict do nothing`;
  return { userId: sender.userId, name: sender.name, blocked: true as const };
}

/** Lifts a block, named by the person's id (from `blocked`) or one of their messages. */
export async function unblockSender(
  { sql, creator: { userId: creatorUserId } }: Pick<CreatorContext, "sql" | "creator">,
  who: { userId: string } | { messageId: string },
) {
  const userId =
    "userId" in who ? who.userId : (await senderOf(sql, creatorUserId, who.messageId)).userId;
  const removed = await sql`
    delete from creator_blocks
    where creator_user_id = ${creatorUserId} and blocked_user_id = ${userId}`;
  return { userId, wasBlocked: removed.count > 0 };
}

/** The people the caller blocked, most recent first. */
export async function listBlocked({
  sql,
  creator: { userId: creatorUserId },
}: Pick<CreatorContext, "sql" | "creator">) {
  const rows = await sql<{ user_id: string; name: string | null; created_at: Date }[]>`
    select b.blocked_user_id as user_id, u.name, b.created_at
    from creator_blocks b left join users u on u.id = b.blocked_user_id
    where b.creator_user_id = ${creatorUserId}
    order by b.created_at desc
    limit 1000`;
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name ?? "",
    blockedAt: row.created_at.toISOString(),
  }));
}
