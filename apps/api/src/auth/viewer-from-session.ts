import type { Viewer } from "../trpc/context.ts";
import type { AuthSession } from "./auth-routes.ts";

/** The procedures' view of a Better Auth session. */
export function viewerFromSession(session: AuthSession | null): Viewer | null {
  if (!session) return null;
  const { user } = session;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    dateOfBirth: new Date(user.dateOfBirth),
    region: user.region,
    createdAt: new Date(user.createdAt),
  };
}
