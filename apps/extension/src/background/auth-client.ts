import { type BetterAuthClientPlugin, createAuthClient } from "better-auth/client";
import type { ApiError, AuthRequest, AuthResult, SignedInUser } from "../messaging/contract.ts";
import type { SessionStore } from "./session-store.ts";
import { codeForStatus, isNetworkFailure, isRecord, networkError } from "./to-api-error.ts";

export interface AuthDeps {
  /** The API's origin, e.g. http://127.0.0.1:3000. */
  readonly apiUrl: string;
  readonly sessions: SessionStore;
  readonly fetch: typeof fetch;
}

/**
 * Better Auth's error codes said the way a person needs to hear them; any other refusal keeps
 * the API's own words. The field a refusal concerns comes with it (`field` in the body).
 */
const AUTH_ERRORS: Readonly<Record<string, string>> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password don't match an account.",
  EMAIL_NOT_VERIFIED:
    "Confirm your email first: we have just sent you a new link. Open it, then sign in here (check your spam folder if it is not there).",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    "An account with this email already exists. Sign in instead.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_SHORT: "Use at least 8 characters for your password.",
  PASSWORD_TOO_LONG: "Use at most 128 characters for your password.",
  INVALID_ORIGIN:
    "The Coinstream server does not accept sign-ins from this extension yet (its TRUSTED_ORIGINS setting).",
  TOO_MANY_REQUESTS: "Too many attempts. Wait a minute and try again.",
};

/** Better Auth's `{ code, message, field }` error body as the contract's ApiError. */
export function toAuthError(status: number, body: unknown): ApiError {
  const record = isRecord(body) ? body : {};
  const authCode = typeof record.code === "string" ? record.code : null;
  const apiMessage = typeof record.message === "string" ? record.message.trim() : "";
  const field = typeof record.field === "string" && record.field !== "" ? record.field : null;
  const message =
    (authCode ? AUTH_ERRORS[authCode] : undefined) ??
    (status === 429
      ? (AUTH_ERRORS.TOO_MANY_REQUESTS as string)
      : apiMessage ||
        (status >= 500
          ? "Something went wrong on our side. Try again in a moment."
          : "That did not work. Check the form and try again."));
  return {
    code: codeForStatus(status),
    domainCode: authCode,
    message,
    details: {},
    fieldErrors: field ? { [field]: [message] } : {},
  };
}

function toSignedInUser(value: unknown): SignedInUser | null {
  if (!isRecord(value) || typeof value.id !== "string") return null;
  return {
    id: value.id,
    name: typeof value.name === "string" ? value.name : "",
    email: typeof value.email === "string" ? value.email : "",
  };
}

/** The fields sign-up sends besides name, email and password, as the form sends them. */
type SignUpFields = {
  readonly user: {
    readonly fields: {
      // The API stores a date but takes YYYY-MM-DD (a Date would be sent as a date-time).
      readonly dateOfBirth: { readonly type: "string"; readonly required: true };
      readonly region: { readonly type: "string"; readonly required: true };
      // Checked in the API's before hook and recorded apart from the user.
      readonly acceptedGuidelinesVersion: { readonly type: "number"; readonly required: true };
    };
  };
};

/**
 * What `inferAdditionalFields` from "better-auth/client/plugins" is at run time (an id): that
 * module brings every client plugin into the worker's bundle, so the types are declared here.
 */
const signUpFields = {
  id: "additional-fields-client",
  $InferServerPlugin: {} as { readonly id: "additional-fields"; readonly schema: SignUpFields },
} satisfies BetterAuthClientPlugin;

/**
 * Better Auth's client on the API: bearer tokens only (credentials "omit", never a cookie),
 * no redirects followed, and nothing mirrored into its session atoms (the worker keeps the
 * session in its SessionStore).
 */
function createClient(deps: AuthDeps) {
  return createAuthClient({
    baseURL: deps.apiUrl,
    plugins: [signUpFields],
    disableDefaultFetchPlugins: true,
    fetchOptions: { customFetchImpl: deps.fetch, credentials: "omit" },
  });
}

type AuthClient = ReturnType<typeof createClient>;

const clients = new WeakMap<AuthDeps, AuthClient>();

function clientFor(deps: AuthDeps): AuthClient {
  const known = clients.get(deps);
  if (known) return known;
  const client = createClient(deps);
  clients.set(deps, client);
  return client;
}

/** What one call adds to the client's fetch: the bearer token, and a look at the answer. */
interface CallOptions {
  readonly disableSignal: true;
  readonly auth?: { readonly type: "Bearer"; readonly token: string };
  readonly onSuccess: (context: { readonly response: Response }) => void;
}

type Answer<T> = { readonly data: T | null; readonly error: { readonly status: number } | null };

type Called<T> =
  | { readonly ok: true; readonly data: T | null; readonly issuedToken: string | null }
  | { readonly ok: false; readonly error: ApiError };

/** Runs one client call with `token` as its bearer, as data and the token the API issued. */
async function call<T>(
  send: (fetchOptions: CallOptions) => Promise<Answer<T>>,
  token?: string,
): Promise<Called<T>> {
  let issuedToken: string | null = null;
  const fetchOptions: CallOptions = {
    disableSignal: true,
    ...(token ? { auth: { type: "Bearer", token } } : {}),
    // The signed token (token.signature) the bearer plugin wants; the body's token is unsigned.
    onSuccess: ({ response }) => {
      issuedToken = response.headers.get("set-auth-token");
    },
  };
  let answer: Answer<T>;
  try {
    answer = await send(fetchOptions);
  } catch (error) {
    if (isNetworkFailure(error)) return { ok: false, error: networkError() };
    throw error;
  }
  if (answer.error) return { ok: false, error: toAuthError(answer.error.status, answer.error) };
  return { ok: true, data: answer.data, issuedToken };
}

/** The user of a sign-in, sign-up or session answer (`{ user }`), if any. */
function userOf(data: unknown): SignedInUser | null {
  return isRecord(data) ? toSignedInUser(data.user) : null;
}

async function signIn(deps: AuthDeps, email: string, password: string): Promise<AuthResult> {
  const result = await call((fetchOptions) =>
    clientFor(deps).signIn.email({ email: email.trim(), password, fetchOptions }),
  );
  if (!result.ok) return result;
  const user = userOf(result.data);
  if (!result.issuedToken || !user) {
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
  await deps.sessions.save({ token: result.issuedToken, user });
  return { ok: true, data: { user } };
}

async function signUp(
  deps: AuthDeps,
  request: Extract<AuthRequest, { action: "signUp" }>,
): Promise<AuthResult> {
  const result = await call((fetchOptions) =>
    clientFor(deps).signUp.email({
      email: request.email.trim(),
      password: request.password,
      name: request.name.trim(),
      dateOfBirth: request.dateOfBirth,
      region: request.region,
      acceptedGuidelinesVersion: request.acceptedGuidelinesVersion,
      fetchOptions,
    }),
  );
  if (!result.ok) return result;
  const user = userOf(result.data);
  // With email verification required there is no session yet: the person confirms, then signs in.
  if (result.issuedToken && user) {
    await deps.sessions.save({ token: result.issuedToken, user });
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
      await call((fetchOptions) => clientFor(deps).signOut({ fetchOptions }), session.token);
    } catch {
      // The token is gone from this browser either way; the server's session expires on its own.
    }
  }
  return { ok: true, data: { user: null } };
}

async function status(deps: AuthDeps): Promise<AuthResult> {
  const session = await deps.sessions.load();
  if (!session) return { ok: true, data: { user: null } };
  const result = await call(
    (fetchOptions) => clientFor(deps).getSession({ fetchOptions }),
    session.token,
  );
  if (!result.ok) {
    if (result.error.code === "UNAUTHORIZED") {
      await deps.sessions.clear();
      return { ok: true, data: { user: null } };
    }
    return result;
  }
  const user = userOf(result.data);
  if (!user) {
    // Expired or revoked: the API answers null for a token it no longer honours.
    await deps.sessions.clear();
    return { ok: true, data: { user: null } };
  }
  await deps.sessions.save({ token: result.issuedToken || session.token, user });
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
