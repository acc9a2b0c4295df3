import type { SqlRow, schema } from "@coinstream/db";
import type { AdminContext } from "../service-context.ts";

/** The audit trail, newest first, keyset-paged: `cursor` is the last entry id of the page before. */
export async function listAdminAudit(
  { sql }: Pick<AdminContext, "sql">,
  input: { readonly cursor?: string | null | undefined; readonly limit: number },
) {
  const rows = await sql<
    (Omit<SqlRow<typeof schema.adminAudit>, "details"> & { details: Record<string, unknown> })[]
  >`
    select id, admin_user_id, action, target_type, target_id, details, at from admin_audit
    ${input.cursor ? sql`where (at, id) < (select at, id from admin_audit where id = ${input.cursor})` : sql``}
    order by at desc, id desc limit ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      adminUserId: row.admin_user_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: row.details,
      at: row.at.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
