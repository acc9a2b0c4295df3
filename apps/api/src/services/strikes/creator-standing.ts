import { decideStanding, STRIKE_WINDOW_DAYS, SUSPENSION_DAYS } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";

const DAY_MS = 86_400_000;

/** Strikes older than this cannot trigger a suspension still running, so queries skip them. */
export const STRIKE_LOOKBACK_DAYS = STRIKE_WINDOW_DAYS + SUSPENSION_DAYS;

/** When a suspension from the given strike times (epoch ms, not withdrawn) ends, or null. */
export function suspensionFrom(strikeTimesMs: readonly number[], now: Date): Date | null {
  return decideStanding(
    strikeTimesMs.map((ms) => ({ issuedAt: new Date(ms), withdrawn: false })),
    now,
  ).suspendedUntil;
}

/** The facts the receive rule needs beyond the account: a suspension and the guidelines. */
export async function loadReceiveStanding(sql: Sql, userId: string, now: Date) {
  const since = new Date(now.getTime() - STRIKE_LOOKBACK_DAYS * DAY_MS);
  const [row] = await sql<{ strikes: number[]; guidelines_accepted: boolean }[]>`
    select array(
             select (extract(epoch from issued_at) * 1000)::float8 from creator_strikes
             where creator_user_id = ${userId} and withdrawn_at is null and issued_at > ${since}
           ) as strikes,
           exists (
             select 1 from guidelines_acceptances
             where user_id = ${userId} and version >= (
               select max(version) from guidelines_versions where effective_at <= ${now}
             )
           ) as guidelines_accepted`;
  return {
    suspendedUntil: suspensionFrom(row?.strikes ?? [], now),
    guidelinesAccepted: row?.guidelines_accepted ?? false,
  };
}

interface StrikeRow {
  id: string;
  reason: string;
  issued_at: Date;
  withdrawn_at: Date | null;
  appeal_id: string | null;
  appeal_message: string | null;
  appeal_decision: string | null;
  appeal_created_at: Date | null;
  appeal_decided_at: Date | null;
  appeal_note: string | null;
}

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

/**
 * A creator's standing for the studio: strikes of the last year (newest first) with their
 * appeals, how many count now, and when a suspension ends.
 */
export async function getCreatorStanding({
  sql,
  creator: { userId },
  now,
}: Pick<CreatorContext, "sql" | "creator" | "now">) {
  const rows = await sql<StrikeRow[]>`
    select s.id, s.reason, s.issued_at, s.withdrawn_at, a.id as appeal_id,
           a.message as appeal_message, a.decision as appeal_decision,
           a.created_at as appeal_created_at, a.decided_at as appeal_decided_at, a.note as appeal_note
    from creator_strikes s left join strike_appeals a on a.strike_id = s.id
    where s.creator_user_id = ${userId} and s.issued_at > ${new Date(now.getTime() - 365 * DAY_MS)}
    order by s.issued_at desc limit 100`;
  const standing = decideStanding(
    rows.map((row) => ({
      issuedAt: new Date(row.issued_at),
      withdrawn: row.withdrawn_at !== null,
    })),
    now,
  );
  const windowStart = now.getTime() - STRIKE_WINDOW_DAYS * DAY_MS;
  return {
    activeStrikes: standing.activeStrikes,
    suspendedUntil: iso(standing.suspendedUntil),
    openAppeals: rows.filter((row) => row.appeal_id !== null && row.appeal_decision === null)
      .length,
    strikes: rows.map((row) => ({
      id: row.id,
      reason: row.reason,
      issuedAt: iso(row.issued_at) as string,
      withdrawn: row.withdrawn_at !== null,
      counts: row.withdrawn_at === null && new Date(row.issued_at).getTime() > windowStart,
      canAppeal: row.appeal_id === null && row.withdrawn_at === null,
      appeal: row.appeal_id
        ? {
            id: row.appeal_id,
            message: row.appeal_message as string,
            status: (row.appeal_decision ?? "open") as "open" | "upheld" | "withdrawn",
            createdAt: iso(row.appeal_created_at) as string,
            decidedAt: iso(row.appeal_decided_at),
            note: row.appeal_note,
          }
        : null,
    })),
  };
}
