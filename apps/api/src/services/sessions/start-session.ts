import { assertNotFrozen } from "../admin/assert-not-frozen.ts";
import type { CreatorContext } from "../service-context.ts";
import { readOpenSession, type SessionProgress } from "./session-progress.ts";

/**
 * Goes live: opens a session for the caller's stream. One open session per creator (a unique
 * index), so starting while live returns the open one unchanged.
 */
export async function startSession(
  { sql, creator }: Pick<CreatorContext, "sql" | "creator">,
  input: { readonly title: string | null },
): Promise<{ started: boolean; session: SessionProgress }> {
  const { title } = input;
  // A frozen creator receives no gifts, so going live would only invite refused ones.
  await assertNotFrozen(sql, creator.userId);
  const inserted = await sql`
    insert into stream_sessions (creator_user_id, title) values (${creator.userId}, ${title})
    on conflict (creator_user_id) where ended_at is null do nothing`;
  const session = await readOpenSession(sql, creator.userId);
  // Ended between the two statements: start again.
  if (!session) return startSession({ sql, creator }, input);
  return { started: inserted.count === 1, session };
}
