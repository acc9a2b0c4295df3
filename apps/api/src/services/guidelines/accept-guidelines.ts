import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { ViewerContext } from "../service-context.ts";
import { getGuidelinesStatus, getGuidelinesVersions } from "./current-guidelines.ts";

/**
 * Records that the caller accepted `version`: the current one, or one published ahead of its date.
 * An older or unknown version gets `CONFLICT` naming the one to read. Accepting twice changes
 * nothing.
 */
export async function acceptGuidelines(
  ctx: Pick<ViewerContext, "sql" | "viewer" | "now">,
  { version }: { readonly version: number },
) {
  const { current, upcoming } = await getGuidelinesVersions(ctx);
  if (version !== current.version && version !== upcoming?.version) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `Version ${version} is not the current community guidelines: read and accept version ${current.version}.`,
      { version: current.version },
    );
  }
  await ctx.sql`
    insert into guidelines_acceptances (user_id, version) values (${ctx.viewer.userId}, ${version})
    on conflict do nothing`;
  return getGuidelinesStatus(ctx);
}
