import type { Sql } from "@coinstream/db";
import type { UserRole, Viewer } from "../trpc/context.ts";
import type { AuthSession } from "./auth-routes.ts";

/**
 * The procedures' view of a Better Auth session. Role and freeze are not Better Auth fields, so
 * they are read from the users table on every request (never cached in the session).
 */
export async function viewerFromSession(
  session: AuthSession | null,
  sql?: Sql | null,
): Promise<Viewer | null> {
  if (!session) return null;
  const { user } = session;
  const [account] = sql
    ? await sql<{ role: UserRole; frozen: boolean }[]>`
        select role, frozen_at is not null as frozen from users where id = ${user.id}`
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
  };
}
