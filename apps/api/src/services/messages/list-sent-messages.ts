import type { ViewerContext } from "../service-context.ts";
import { type PaidMessageRow, toSentMessage } from "./paid-message-rows.ts";

/** The caller's paid messages, newest first with any answer, keyset-paged by message id. */
export async function listSentMessages(
  { sql, viewer: { userId } }: Pick<ViewerContext, "sql" | "viewer">,
  query: { cursor?: string | null | undefined; limit: number },
) {
  const cursor = query.cursor ?? null;
  const rows = await sql<(PaidMessageRow & { handle: string })[]>`
    select m.*, c.handle from paid_messages m join creators c on c.user_id = m.creator_user_id
    where m.sender_user_id = ${userId}
      and (${cursor}::uuid is null or (m.created_at, m.id) < (
        select created_at, id from paid_messages where id = ${cursor}::uuid and sender_user_id = ${userId}))
    order by m.created_at desc, m.id desc
    limit ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toSentMessage),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
