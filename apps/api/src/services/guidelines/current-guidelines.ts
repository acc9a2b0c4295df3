import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql, Tx } from "@coinstream/db";
import { isFreshScheduled, type ScheduledEntry } from "../../caches/scheduled-entry.ts";
import type { Viewer, ViewerContext } from "../service-context.ts";

export interface GuidelinesVersion {
  readonly version: number;
  readonly title: string;
  /** Markdown. */
  readonly body: string;
  readonly publishedAt: string;
  /** From then on, spending and receiving need this version (or a later one) accepted. */
  readonly effectiveAt: string;
}

interface VersionRow {
  version: number;
  title: string;
  body: string;
  published_at: Date;
  effective_at: Date;
}

const toVersion = (row: VersionRow): GuidelinesVersion => ({
  version: row.version,
  title: row.title,
  body: row.body,
  publishedAt: new Date(row.published_at).toISOString(),
  effectiveAt: new Date(row.effective_at).toISOString(),
});

/**
 * The current guidelines (the highest version in effect at `now`) and the next one when an admin
 * published it ahead of its date. The migration seeds version 1, in effect from the start.
 */
export async function getGuidelinesVersions({
  sql,
  now,
}: {
  readonly sql: Sql | Tx;
  readonly now: Date;
}) {
  const rows = await sql<VersionRow[]>`
    (select version, title, body, published_at, effective_at from guidelines_versions
     where effective_at <= ${now} order by version desc limit 1)
    union all
    (select version, title, body, published_at, effective_at from guidelines_versions
     where effective_at > ${now} order by version desc limit 1)`;
  const current = rows.find((row) => new Date(row.effective_at) <= now);
  if (!current) throw new Error("No community guidelines are in effect (the migration seeds one).");
  const upcoming = rows.find((row) => new Date(row.effective_at) > now);
  return { current: toVersion(current), upcoming: upcoming ? toVersion(upcoming) : null };
}

/** The current guidelines, the next ones if published ahead, and what the caller accepted. */
export async function getGuidelinesStatus(ctx: Pick<ViewerContext, "sql" | "viewer" | "now">) {
  const { sql } = ctx;
  const userId = ctx.viewer.userId;
  const { current, upcoming } = await getGuidelinesVersions(ctx);
  const [row] = await sql<{ version: number | null }[]>`
    select max(version) as version from guidelines_acceptances where user_id = ${userId}`;
  const acceptedVersion = row?.version ?? null;
  return {
    current,
    upcoming,
    acceptedVersion,
    /** The current version (or a later one) is accepted: spending and receiving are open. */
    accepted: acceptedVersion !== null && acceptedVersion >= current.version,
  };
}

/** The refusal a person gets until they accept `version`: names it, so a client can show it. */
export function guidelinesNotAcceptedError(version: number): DomainError {
  return new DomainError(
    DomainErrorCode.GUIDELINES_NOT_ACCEPTED,
    `The community guidelines changed: read and accept version ${version} (me.acceptGuidelines) to send or receive gifts again.`,
    { version },
  );
}

/**
 * Refuses with `GUIDELINES_NOT_ACCEPTED` unless the viewer accepted the version in effect (or a
 * later one), run before anything that spends. A viewer read with its session carries its
 * accepted version, so a warm spend compares it with this process's cached version in effect
 * and sends no statement; a hand-built viewer (tests, tools) is checked in the database.
 */
export async function assertGuidelinesAccepted(
  sql: Sql,
  viewer: Pick<Viewer, "userId" | "acceptedGuidelinesVersion">,
  now: Date,
): Promise<void> {
  if (viewer.acceptedGuidelinesVersion !== undefined) {
    const inEffect = await guidelinesVersionInEffect(sql, now);
    const accepted = viewer.acceptedGuidelinesVersion ?? 0;
    if (inEffect !== null && accepted < inEffect) throw guidelinesNotAcceptedError(inEffect);
    return;
  }
  const [row] = await sql<{ version: number | null; accepted: boolean }[]>`
    select v.version, exists (
      select 1 from guidelines_acceptances a where a.user_id = ${viewer.userId} and a.version >= v.version
    ) as accepted
    from (select max(version) as version from guidelines_versions where effective_at <= ${now}) v`;
  if (row && row.version !== null && !row.accepted) throw guidelinesNotAcceptedError(row.version);
}

/**
 * The version in effect at `now`, per pool. Invalidation, as the rate card's: an entry answers
 * only for times from its read up to the next version's `effective_at` (a version published
 * ahead starts on time) and for `GUIDELINES_CACHE_MS` after the read (a publish in another
 * process reaches this one within that); a publish in this process drops it at once.
 */
async function guidelinesVersionInEffect(sql: Sql, now: Date): Promise<number | null> {
  const cached = inEffectOn.get(sql);
  if (cached && isFreshScheduled(cached, now, GUIDELINES_CACHE_MS)) return cached.version;
  const [row] = await sql<{ version: number | null; next_at: Date | null }[]>`
    select (select max(version) from guidelines_versions where effective_at <= ${now}) as version,
      (select min(effective_at) from guidelines_versions where effective_at > ${now}) as next_at`;
  const version = row?.version ?? null;
  inEffectOn.set(sql, {
    version,
    from: now.getTime(),
    until: row?.next_at ? new Date(row.next_at).getTime() : Number.POSITIVE_INFINITY,
    readAt: Date.now(),
  });
  return version;
}

const inEffectOn = new WeakMap<object, ScheduledEntry & { version: number | null }>();
export const GUIDELINES_CACHE_MS = 1_000;

/** Drops this process's cached version in effect (a publish here). */
export function forgetGuidelinesInEffect(sql: Sql): void {
  inEffectOn.delete(sql);
}
