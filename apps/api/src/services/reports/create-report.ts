import {
  checkReportRate,
  DomainError,
  DomainErrorCode,
  normalizeCreatorHandle,
  REPORTS_PER_DAY,
  type ReportReason,
} from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import type { ViewerContext } from "../service-context.ts";

/**
 * What a report is about: a creator by handle; a message by its stream event id (a paid message
 * shown on stream) or, for its sender and its creator, the paid message's id; a tip by its
 * stream event id (the `id` stream events carry).
 */
export type ReportTarget =
  | { readonly kind: "creator"; readonly handle: string }
  | { readonly kind: "message"; readonly id: string }
  | { readonly kind: "tip"; readonly id: string };

export interface ReportInput {
  readonly target: ReportTarget;
  readonly reason: ReportReason;
  readonly details: string;
}

const NOT_FOUND_MESSAGE = "There is nothing to report there: check the link or id.";
const EVENT_ID = /^[1-9]\d{0,18}$/;

/** The stored target id and whom it is about, or NOT_FOUND (never says whether it exists). */
async function findSubject(
  tx: Tx,
  reporterUserId: string,
  target: ReportTarget,
): Promise<{ targetId: string; subjectUserId: string }> {
  if (target.kind === "creator") {
    const handle = normalizeCreatorHandle(target.handle);
    const [row] = handle
      ? await tx<{ user_id: string }[]>`select user_id from creators where handle = ${handle}`
      : [];
    if (!row) throw new DomainError(DomainErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    return { targetId: handle as string, subjectUserId: row.user_id };
  }
  if (EVENT_ID.test(target.id)) {
    const [row] = await tx<{ viewer_user_id: string | null }[]>`
      select viewer_user_id from stream_events where id = ${target.id} and kind = ${target.kind}`;
    if (!row?.viewer_user_id) throw new DomainError(DomainErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    return { targetId: `event:${target.id}`, subjectUserId: row.viewer_user_id };
  }
  if (target.kind === "message") {
    // A private paid message: only its two parties know it; each reports the other.
    const [row] = await tx<{ sender_user_id: string; creator_user_id: string }[]>`
      select sender_user_id, creator_user_id from paid_messages
      where id::text = ${target.id.toLowerCase()}
        and (sender_user_id = ${reporterUserId} or creator_user_id = ${reporterUserId})`;
    if (row) {
      const subject =
        row.sender_user_id === reporterUserId ? row.creator_user_id : row.sender_user_id;
      return { targetId: `message:${target.id.toLowerCase()}`, subjectUserId: subject };
    }
  }
  throw new DomainError(DomainErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
}

/**
 * Files a report for an admin. Refused: a target that does not exist or that the reporter cannot
 * see (NOT_FOUND), a report about oneself (INVALID_INPUT), a second open report of the same
 * target by the same person (CONFLICT), more than `REPORTS_PER_DAY` in 24 hours (LIMIT_EXCEEDED
 * with `retryAt`). The reporter's reports are serialised by an advisory lock so the count is exact.
 */
export async function createReport(
  { sql, viewer: { userId: reporterUserId }, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  input: ReportInput,
) {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${`report:${reporterUserId}`}, 0))`;
    const { targetId, subjectUserId } = await findSubject(tx, reporterUserId, input.target);
    if (subjectUserId === reporterUserId) {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, "You cannot report yourself.");
    }
    const recent = await tx<
      { created_at: Date; target_kind: string; target_id: string; status: string }[]
    >`
      select created_at, target_kind, target_id, status from reports
      where reporter_user_id = ${reporterUserId}
        and (created_at > ${new Date(now.getTime() - 86_400_000)}
             or (status = 'open' and target_kind = ${input.target.kind} and target_id = ${targetId}))`;
    const isDuplicate = recent.some(
      (row) =>
        row.status === "open" &&
        row.target_kind === input.target.kind &&
        row.target_id === targetId,
    );
    if (isDuplicate) {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        "You already reported this and an admin has not looked at it yet.",
      );
    }
    const rate = checkReportRate(
      recent.map((row) => new Date(row.created_at)),
      now,
    );
    if (!rate.allowed) {
      throw new DomainError(
        DomainErrorCode.LIMIT_EXCEEDED,
        `You can file ${REPORTS_PER_DAY} reports a day; try again after ${rate.retryAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
        { retryAt: rate.retryAt.toISOString(), limit: REPORTS_PER_DAY },
      );
    }
    const [row] = await tx<{ id: string }[]>`
      insert into reports (reporter_user_id, target_kind, target_id, subject_user_id, reason, details, created_at)
      values (${reporterUserId}, ${input.target.kind}, ${targetId}, ${subjectUserId}, ${input.reason},
              ${input.details}, ${now})
      returning id`;
    return { reportId: (row as { id: string }).id, status: "open" as const };
  });
}
