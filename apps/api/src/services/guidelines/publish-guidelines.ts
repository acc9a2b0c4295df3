import { DomainError, DomainErrorCode } from "@coinstream/core";
import { recordAdminAction } from "../admin/record-admin-action.ts";
import type { AdminContext } from "../service-context.ts";
import { forgetGuidelinesInEffect } from "./current-guidelines.ts";

/**
 * Publishes the next version of the community guidelines, audited. People may accept it at once;
 * from `effectiveAt` (now when omitted; never earlier than now nor than the previous version's)
 * everyone must have accepted it before spending or receiving, while reading stays open.
 * Concurrent publishes queue on a table lock, so versions stay consecutive.
 */
export async function publishGuidelines(
  { sql, admin: { userId: adminUserId }, now }: Pick<AdminContext, "sql" | "admin" | "now">,
  input: { readonly title: string; readonly body: string; readonly effectiveAt?: Date | undefined },
) {
  const effectiveAt = input.effectiveAt ?? now;
  if (effectiveAt.getTime() < now.getTime() - 60_000) {
    throw new DomainError(DomainErrorCode.INVALID_INPUT, "effectiveAt cannot be in the past.", {
      field: "effectiveAt",
    });
  }
  const published = await sql.begin(async (tx) => {
    await tx`lock table guidelines_versions in share row exclusive mode`;
    const [latest] = await tx<{ version: number; effective_at: Date }[]>`
      select version, effective_at from guidelines_versions order by version desc limit 1`;
    if (latest && new Date(latest.effective_at) > effectiveAt) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `effectiveAt must not come before version ${latest.version}'s (${new Date(latest.effective_at).toISOString()}).`,
        { field: "effectiveAt" },
      );
    }
    const version = (latest?.version ?? 0) + 1;
    await tx`
      insert into guidelines_versions (version, title, body, published_by, effective_at)
      values (${version}, ${input.title}, ${input.body}, ${adminUserId}, ${effectiveAt})`;
    await recordAdminAction(tx, {
      adminUserId,
      action: "publish_guidelines",
      targetType: "guidelines",
      targetId: String(version),
      details: { title: input.title, chars: input.body.length, effectiveAt },
    });
    return { version, effectiveAt: effectiveAt.toISOString() };
  });
  forgetGuidelinesInEffect(sql);
  return published;
}
