import type { Context, Hono } from "hono";
import { credentialsKey } from "../caches/credentials-key.ts";
import type { TtlCache } from "../caches/ttl-cache.ts";
import { clientAddress } from "../http/protection.ts";
import type { Viewer } from "../services/service-context.ts";
import { CLIENT_ADDRESS_HEADER } from "./auth-rate-limit.ts";
import type { Auth } from "./create-auth.ts";
import { mountEmailVerifiedPage } from "./email-verified-page.ts";
import { SignInBackoff } from "./sign-in-backoff.ts";

/** Better Auth's base path; every auth endpoint lives under it. */
export const AUTH_BASE_PATH = "/api/auth";

/**
 * Serves Better Auth's endpoints (sign-up, sign-in, sign-out, session, verify-email, password
 * reset) under `/api/auth/*` on `app`, and the page verification links land on. CORS for these
 * routes must allow the `Authorization` header and expose `set-auth-token` to the extension's
 * origin.
 */
export function mountAuthRoutes<A extends Hono>(
  app: A,
  auth: Auth,
  options: {
    /** A reverse proxy's client-address header to trust (CLIENT_ADDRESS_HEADER). */
    readonly clientAddressHeader?: string | undefined;
    /** Wrong passwords per account and address before attempts wait (default 5). */
    readonly signInFailuresBeforeBackoff?: number | undefined;
    /** This process's session cache: a POST here (sign-out...) drops the caller's entry at once. */
    readonly sessionCache?: TtlCache<Viewer> | undefined;
  } = {},
): A {
  const backoff = new SignInBackoff(options.signInFailuresBeforeBackoff);
  app.on(["GET", "POST"], `${AUTH_BASE_PATH}/*`, async (c) => {
    // Better Auth's rate limit reads the address from this header only: whatever the client
    // sent under that name (or as X-Forwarded-For) is replaced.
    const address = clientAddress(c, options.clientAddressHeader);
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_ADDRESS_HEADER, address);
    const request = new Request(c.req.raw, { headers });
    if (c.req.method === "POST") {
      // The database's NOTIFY drops the entries of every process; this one needs no round trip.
      const key = options.sessionCache ? credentialsKey(c.req.raw.headers) : null;
      if (key !== null) options.sessionCache?.drop(key);
    }
    if (c.req.method !== "POST" || c.req.path !== `${AUTH_BASE_PATH}/sign-in/email`) {
      return auth.handler(request);
    }
    return signInWithBackoff(c, request, auth, backoff, address);
  });
  mountEmailVerifiedPage(app);
  return app;
}

/** An email sign-in, refused with 429 while its account and address are backing off. */
async function signInWithBackoff(
  c: Context,
  request: Request,
  auth: Auth,
  backoff: SignInBackoff,
  address: string,
): Promise<Response> {
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => null);
  const email =
    typeof body === "object" && body !== null && "email" in body && typeof body.email === "string"
      ? body.email.trim().toLowerCase()
      : null;
  if (email === null) return auth.handler(request);
  const key = `${email}|${address}`;
  const waitMs = backoff.begin(key, Date.now());
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    c.header("Retry-After", String(seconds));
    return c.json(
      {
        code: "TOO_MANY_FAILED_SIGN_INS",
        message: `Too many wrong passwords for this account; try again in ${seconds} s, or reset the password.`,
      },
      429,
    );
  }
  const response = await auth.handler(request).catch((error: unknown) => {
    backoff.end(key, "other");
    throw error;
  });
  backoff.end(
    key,
    response.status === 200 ? "signed-in" : response.status === 401 ? "wrong-password" : "other",
  );
  return response;
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
