import type { Hono } from "hono";
import type { Auth } from "./create-auth.ts";
import { mountEmailVerifiedPage } from "./email-verified-page.ts";

/** Better Auth's base path; every auth endpoint lives under it. */
export const AUTH_BASE_PATH = "/api/auth";

/**
 * Serves Better Auth's endpoints (sign-up, sign-in, sign-out, session, verify-email, password
 * reset) under `/api/auth/*` on `app`, and the page verification links land on. CORS for these
 * routes must allow the `Authorization` header and expose `set-auth-token` to the extension's
 * origin.
 */
export function mountAuthRoutes<A extends Hono>(app: A, auth: Auth): A {
  app.on(["GET", "POST"], `${AUTH_BASE_PATH}/*`, (c) => auth.handler(c.req.raw));
  mountEmailVerifiedPage(app);
  return app;
}

/** The signed-in session and its user, as `getSessionFromHeaders` returns them. */
export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

/**
 * The session a request carries (session cookie, or `Authorization: Bearer <signed token>`),
 * with its user; null when anonymous, expired, revoked or forged. Never throws for a bad token.
 */
export async function getSessionFromHeaders(
  auth: Auth,
  headers: Headers,
): Promise<AuthSession | null> {
  return auth.api.getSession({ headers });
}
