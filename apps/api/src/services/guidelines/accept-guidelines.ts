import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { getGuidelinesStatus, getGuidelinesVersions } from "./current-guidelines.ts";

/**
 * Records that `userId` accepted `version`: the current one, or one published ahead of its date.
 * An older or unknown version gets `CONFLICT` naming the one to read. Accepting twice changes
 * nothing.
 */
export async function acceptGuidelines(sql: Sql, userId: string, version: number, now: Date) {
  const { current, upcoming } = await getGuidelinesVersions(sql, now);
  if (version !== current.version && version !== upcoming?.version) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `Version ${version} is not the current community guidelines: read and accept version ${current.version}.`,
      { version: current.version },
    );
  }
  await sql`
    insert into guidelines_acceptances (user_id, version) values (${userId}, ${version})
    on conflict do nothing`;
  return getGuidelinesStatus(sql, userId, now);
}
