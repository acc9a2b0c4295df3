import type { ApiError, AuthRequest, AuthResult, SignedInUser } from "../messaging/contract.ts";
import type { SessionStore } from "./session-store.ts";
import { codeForStatus, isNetworkFailure, networkError } from "./to-api-error.ts";

export interface AuthDeps {
  /** The API's origin, e.g. http://127.0.0.1:3000. */
  readonly apiUrl: string;
  readonly sessions: SessionStore;
  readonly fetch: typeof fetch;
}

/**
 * Better Auth's error codes, said the way a person needs to hear them (or in the API's own words
 * when it already says it that way), and the field they concern.
 */
const AUTH_ERRORS: Readonly<Record<string, { message?: string; field?: string }>> = {
  INVALID_EMAIL_OR_PASSWORD: { message: "That email and password don't match an account." },
  EMAIL_NOT_VERIFIED: {
    message:
      "Confirm your email first: we have just sent you a new link. Open it, then sign in here (check your spam folder if it is not there).",
  },
  USER_ALREADY_EXISTS: {
    message: "An account with this email already exists. Sign in instead.",
    field: "email",
  },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: {
    message: "An account with this email already exists. Sign in instead.",
    field: "email",
  },
  INVALID_EMAIL: { message: "Enter a valid email address.", field: "email" },
  PASSWORD_TOO_SHORT: {
    message: "Use at least 8 characters for your password.",
    field: "password",
  },
  PASSWORD_TOO_LONG: {
    message: "Use at most 128 characters for your password.",
    field: "password",
  },
  INVALID_ORIGIN: {
    message:
      "The Coinstream server does not accept sign-ins from this extension yet (its TRUSTED_ORIGINS setting).",
  },
  TOO_MANY_REQUESTS: { message: "Too many attempts. Wait a minute and try again." },
  UNDER_SIGN_UP_AGE: { field: "dateOfBirth" },
  INVALID_DISPLAY_NAME: { field: "name" },
};

/** Which form field a validation message is about, from its wording ("[body.email] ...", "region must ..."). */
function fieldOfMessage(message: string): string | null {
  const bracketed = /^\[body\.(\w+)\]/.exec(message);
  if (bracketed?.[1]) return bracketed[1];
  const leading = /^(email|password|name|dateOfBirth|region)\b/.exec(message);
  return leading?.[1] ?? null;
}

/** A readable sentence from a validation message: drop the "[body.x]" prefix, start with a capital. */
function tidyMessage(message: string): string {
  const text = message.replace(/^\[body\.\w+\]\s*/, "").trim();
  const field = /^dateOfBirth\b/.test(text)
    ? text.replace(/^dateOfBirth/, "Date of birth")
    : /^region\b/.test(text)
      ? text.replace(/^region/, "Region")
      : text;
  return field.charAt(0).toUpperCase() + field.slice(1);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Better Auth's `{ code, message }` error body as the contract's ApiError. */
export function toAuthError(status: number, body: unknown): ApiError {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const authCode = typeof record.code === "string" ? record.code : null;
  const rawMessage = typeof record.message === "string" ? record.message : "";
  const known = authCode ? AUTH_ERRORS[authCode] : undefined;
  const field = known?.field ?? (rawMessage ? fieldOfMessage(rawMessage) : null);
  const message =
    known?.message ??
    (status === 429
      ? (AUTH_ERRORS.TOO_MANY_REQUESTS?.message as string)
      : rawMessage
        ? tidyMessage(rawMessage)
        : status >= 500
          ? "Something went wrong on our side. Try again in a moment."
          : "That did not work. Check the form and try again.");
  return {
    code: codeForStatus(status),
    domainCode: authCode,
    message,
    details: {},
    fieldErrors: field ? { [field]: [message] } : {},
  };
}

function toSignedInUser(value: unknown): SignedInUser | null {
  if (typeof value !== "object" || value === null) return null;
  const user = value as Record<string, unknown>;
  if (typeof user.id !== "string") return null;
  return {
    id: user.id,
    name: typeof user.name === "string" ? user.name : "",
    email: typeof user.email === "string" ? user.email : "",
  };
}

type Fetched = { ok: true; response: Response; body: unknown } | { ok: false; error: ApiError };

async function call(
  deps: AuthDeps,
  path: string,
  init: { method: "GET" | "POST"; body?: unknown; token?: string | null },
): Promise<Fetched> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await deps.fetch(`${deps.apiUrl}/api/auth${path}`, {
      method: init.method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      // Bearer tokens only: never let a cookie stand in for the session.
      credentials: "omit",
    });
  } catch (error) {
    if (isNetworkFailure(error)) return { ok: false, error: networkError() };
    throw error;
  }
  const body = await readJson(response);
  if (!response.ok) return { ok: false, error: toAuthError(response.status, body) };
  return { ok: true, response, body };
}

async function signIn(deps: AuthDeps, email: string, password: string): Promise<AuthResult> {
  const result = await call(deps, "/sign-in/email", {
    method: "POST",
    body: { email: email.trim(), password },
  });
  if (!result.ok) return result;
  // The signed token (token.signature) the bearer plugin wants; the body's token is unsigned.
  const token = result.response.headers.get("set-auth-token");
  const user = toSignedInUser((result.body as { user?: unknown } | null)?.user);
  if (!token || !user) {
    return {
      ok: false,
      error: {
        code: "INTERNAL_SERVER_ERROR",
        domainCode: null,
        message: "Signing in did not return a session. Try again in a moment.",
        details: {},
        fieldErrors: {},
      },
    };
  }
  await deps.sessions.save({ token, user });
  return { ok: true, data: { user } };
}

async function signUp(
  deps: AuthDeps,
  request: Extract<AuthRequest, { action: "signUp" }>,
): Promise<AuthResult> {
  const result = await call(deps, "/sign-up/email", {
    method: "POST",
    body: {
      email: request.email.trim(),
      password: request.password,
      name: request.name.trim(),
      dateOfBirth: request.dateOfBirth,
      region: request.region,
      acceptedGuidelinesVersion: request.acceptedGuidelinesVersion,
    },
  });
  if (!result.ok) return result;
  const token = result.response.headers.get("set-auth-token");
  const user = toSignedInUser((result.body as { user?: unknown } | null)?.user);
  // With email verification required there is no session yet: the person confirms, then signs in.
  if (token && user) {
    await deps.sessions.save({ token, user });
    return { ok: true, data: { user } };
  }
  return { ok: true, data: { user: null, verificationSent: true } };
}

async function signOut(deps: AuthDeps): Promise<AuthResult> {
  const session = await deps.sessions.load();
  // Forget the token first: signing out must work even when the API cannot be reached.
  await deps.sessions.clear();
  if (session) {
    try {
      await call(deps, "/sign-out", { method: "POST", body: {}, token: session.token });
    } catch {
      // The token is gone from this browser either way; the server's session expires on its own.
    }
  }
  return { ok: true, data: { user: null } };
}

async function status(deps: AuthDeps): Promise<AuthResult> {
  const session = await deps.sessions.load();
  if (!session) return { ok: true, data: { user: null } };
  const result = await call(deps, "/get-session", { method: "GET", token: session.token });
  if (!result.ok) {
    if (result.error.code === "UNAUTHORIZED") {
      await deps.sessions.clear();
      return { ok: true, data: { user: null } };
    }
    return result;
  }
  const user = toSignedInUser((result.body as { user?: unknown } | null)?.user);
  if (!user) {
    // Expired or revoked: the API answers null for a token it no longer honours.
    await deps.sessions.clear();
    return { ok: true, data: { user: null } };
  }
  const refreshed = result.response.headers.get("set-auth-token");
  await deps.sessions.save({ token: refreshed || session.token, user });
  return { ok: true, data: { user } };
}

/** The `auth` message: sign up, sign in, sign out, and who is signed in (checked with the API). */
export async function handleAuthRequest(request: AuthRequest, deps: AuthDeps): Promise<AuthResult> {
  switch (request?.action) {
    case "signIn":
      return signIn(deps, request.email, request.password);
    case "signUp":
      return signUp(deps, request);
    case "signOut":
      return signOut(deps);
    case "status":
      return status(deps);
    default:
      return {
        ok: false,
        error: {
          code: "BAD_REQUEST",
          domainCode: null,
          message: "Unknown auth action.",
          details: {},
          fieldErrors: {},
        },
      };
  }
}
