import { DomainError, DomainErrorCode } from "@coinstream/core";
import { recordAdminAction, recordAdminRead } from "../admin/record-admin-action.ts";
import type { AdminContext } from "../service-context.ts";
import { insertStrike } from "../strikes/issue-strike.ts";

interface ReportRow {
  id: string;
  reporter_user_id: string;
  target_kind: string;
  target_id: string;
  subject_user_id: string;
  subject_handle: string | null;
  reason: string;
  details: string;
  status: string;
  created_at: Date;
  resolved_at: Date | null;
  resolution_note: string | null;
  open_reports_on_subject: number;
}

/**
 * Reports for the admin queue: open ones oldest first (or resolved ones, newest first), each
 * with the subject's handle when they are a creator and how many open reports name them. Audited.
 */
export async function listReports(
  { sql, admin: { userId: adminUserId } }: Pick<AdminContext, "sql" | "admin">,
  input: { readonly status: "open" | "resolved"; readonly limit: number },
) {
  return sql.begin(async (tx) => {
    const rows = await tx<ReportRow[]>`
      select r.id, r.reporter_user_id, r.target_kind, r.target_id, r.subject_user_id,
             c.handle as subject_handle, r.reason, r.details, r.status, r.created_at, r.resolved_at,
             r.resolution_note,
             (select count(*)::int from reports o where o.subject_user_id = r.subject_user_id and o.status = 'open')
               as open_reports_on_subject
      from reports r left join creators c on c.user_id = r.subject_user_id
      where ${input.status === "open" ? tx`r.status = 'open'` : tx`r.status <> 'open'`}
      order by ${input.status === "open" ? tx`r.created_at` : tx`r.resolved_at desc`}
      limit ${input.limit}`;
    await recordAdminRead(tx, adminUserId, "list_reports", {
      status: input.status,
      count: rows.length,
    });
    return rows.map((row) => ({
      reportId: row.id,
      reporterUserId: row.reporter_user_id,
      target: { kind: row.target_kind, id: row.target_id },
      subjectUserId: row.subject_user_id,
      subjectHandle: row.subject_handle,
      reason: row.reason,
      details: row.details,
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
      resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
      resolutionNote: row.resolution_note,
      openReportsOnSubject: row.open_reports_on_subject,
    }));
  });
}

/**
 * Resolves an open report: `dismissed`, or `strike` (a strike against the report's subject, who
 * must be a creator, with `note` as its reason). One transaction with its audit row; a resolved
 * report answers CONFLICT.
 */
export async function resolveReport(
  { sql, admin: { userId: adminUserId } }: Pick<AdminContext, "sql" | "admin">,
  input: {
    readonly reportId: string;
    readonly outcome: "dismissed" | "strike";
    readonly note: string;
  },
) {
  return sql.begin(async (tx) => {
    const [report] = await tx<{ status: string; subject_user_id: string; is_creator: boolean }[]>`
      select r.status, r.subject_user_id,
             exists (select 1 from creators c where c.user_id = r.subject_user_id) as is_creator
      from reports r where r.id = ${input.reportId} for update of r`;
    if (!report) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such report.");
    if (report.status !== "open") {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        `This report was already resolved (${report.status}).`,
      );
    }
    if (input.outcome === "strike" && !report.is_creator) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        "Strikes are for creators; this report is about a viewer: dismiss it, or freeze the account.",
      );
    }
    const status = input.outcome === "strike" ? "strike_issued" : "dismissed";
    await tx`
      update reports set status = ${status}, resolved_at = now(), resolved_by = ${adminUserId},
             resolution_note = ${input.note}
      where id = ${input.reportId}`;
    await recordAdminAction(tx, {
      adminUserId,
      action: "resolve_report",
      targetType: "report",
      targetId: input.reportId,
      details: { outcome: status, note: input.note },
    });
    const strike =
      input.outcome === "strike"
        ? await insertStrike(tx, adminUserId, {
            creatorUserId: report.subject_user_id,
            reason: input.note,
            reportId: input.reportId,
          })
        : null;
    return { reportId: input.reportId, status, strikeId: strike?.strikeId ?? null };
  });
}
