import type { Sql } from "@coinstream/db";
import { credentialsKey } from "../caches/credentials-key.ts";
import type { TtlCache } from "../caches/ttl-cache.ts";
import type { UserRole, Viewer } from "../services/service-context.ts";
import { type AuthSession, getSessionFromHeaders } from "./auth-routes.ts";
import type { Auth } from "./create-auth.ts";

/**
 * The procedures' view of a Better Auth session. Role and freeze are not Better Auth fields, so
 * they are read from the users table with the session (never stored in Better Auth's session).
 */
export async function viewerFromSession(
  session: AuthSession | null,
  sql?: Sql | null,
): Promise<Viewer | null> {
  if (!session) return null;
  const { user } = session;
  const [account] = sql
    ? await sql<{ role: UserRole; frozen: boolean; accepted_guidelines: number | null }[]>`
        select role, frozen_at is not null as frozen,
          (select max(version) from guidelines_acceptances where user_id = ${user.id}) as accepted_guidelines
        from users where id = ${user.id}`
    : [];
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    dateOfBirth: new Date(user.dateOfBirth),
    region: user.region,
    createdAt: new Date(user.createdAt),
    role: account?.role ?? "viewer",
    frozen: account?.frozen ?? false,
    ...(account ? { acceptedGuidelinesVersion: account.accepted_guidelines } : {}),
  };
}

/**
 * The `Viewer` of a request, from this process's session cache when it holds one for the same
 * credentials (the Authorization and Cookie headers, kept only as a SHA-256 digest), else from
 * Better Auth and the users table, then cached until the entry's TTL or the session's expiry.
 * The entry is dropped in every process by the database's `coinstream_invalidate` NOTIFY
 * (sign-out, revoked session, password reset, freeze, role, name, email, verification...; see
 * `ProcessCaches`); the TTL is only the backstop.
 */
export async function viewerFromRequest(
  auth: Auth,
  sql: Sql | null | undefined,
  headers: Headers,
  cache?: TtlCache<Viewer> | null,
): Promise<Viewer | null> {
  const key = cache ? credentialsKey(headers) : null;
  const nowMs = Date.now();
  if (cache && key !== null) {
    const cached = cache.get(key, nowMs);
    if (cached) return cached;
  }
  const epoch = cache?.epoch ?? 0;
  const session = await getSessionFromHeaders(auth, headers);
  const viewer = await viewerFromSession(session, sql);
  if (cache && key !== null && viewer && session) {
    cache.set(key, viewer, {
      tag: viewer.userId,
      epoch,
      nowMs,
      expiresAt: new Date(session.session.expiresAt).getTime(),
    });
  }
  return viewer;
}
