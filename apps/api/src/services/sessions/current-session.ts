import { DomainError, DomainErrorCode, normalizeCreatorHandle } from "@coinstream/core";
import type { ServiceContext } from "../service-context.ts";
import { readOpenSession, toPublicSession } from "./session-progress.ts";

/** A creator's live session (title, start, coins so far, goal and progress), or `live: false`. */
export async function getCurrentSession(
  { sql }: Pick<ServiceContext, "sql">,
  input: { readonly handle: string },
) {
  const handle = normalizeCreatorHandle(input.handle);
  const [creator] = handle
    ? await sql<{ user_id: string }[]>`select user_id from creators where handle = ${handle}`
    : [];
  if (!handle || !creator) {
    throw new DomainError(
      DomainErrorCode.UNKNOWN_CREATOR,
      "No Coinstream creator has that handle.",
    );
  }
  const session = await readOpenSession(sql, creator.user_id);
  return session
    ? { handle, live: true as const, session: toPublicSession(session) }
    : { handle, live: false as const, session: null };
}
