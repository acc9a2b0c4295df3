import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { authOverFetch, SEEDED_GUIDELINES_VERSION, signUp } from "@coinstream/test-harness";
import type { Hono } from "hono";
import { afterAll, beforeAll, expect, inject, vi } from "vitest";
import { type AppDependencies, createApp } from "../app.ts";
import { type AuthDbHandle, createAuthDb } from "../auth/auth-db.ts";
import { type Auth, type AuthConfig, createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import { testDependencies } from "./test-context.ts";

export const TEST_PASSWORD = "correct horse battery staple";

/** The extension's origin as HTTP tests send it (trusted by Better Auth and the API's CORS). */
export const TEST_EXTENSION_ORIGIN = "chrome-extension://coinstreamtestextension";

export { SEEDED_GUIDELINES_VERSION };

/** POSTs JSON to Better Auth through `app`, from `origin` (and any other headers). */
export function postAuth(
  app: Hono,
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(`${base}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** Signs `email` up over HTTP and follows the emailed verification link. */
export async function signUpVerified(
  app: Hono,
  base: string,
  mailer: CapturingMailer,
  email: string,
): Promise<void> {
  await signUp(
    authOverFetch(base, (url, init) => app.request(url, init)),
    { name: "Tess", email, password: TEST_PASSWORD, dateOfBirth: "1990-05-17", region: "DE" },
  );
  expect((await app.request(await verificationLink(mailer, email))).status).toBeLessThan(400);
}

/** The link in the last mail to `email`, once it is sent (mail goes out after the response). */
export async function verificationLink(mailer: CapturingMailer, email: string): Promise<string> {
  const mail = await vi.waitFor(() => {
    const message = mailer.lastTo(email);
    if (!message) throw new Error("no verification mail yet");
    return message;
  });
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in the mail to ${email}: ${mail.text}`);
  return link;
}

/** A sign-in over HTTP: the bearer token (the extension's), the session cookie (a browser's), the user. */
export interface HttpSession {
  readonly token: string;
  readonly cookie: string;
  readonly userId: string;
}

/** Signs `email` in with TEST_PASSWORD through `app`, from `base`'s origin (or `headers`'). */
export async function signInOverApp(
  app: Hono,
  base: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<HttpSession> {
  const response = await postAuth(
    app,
    base,
    "/sign-in/email",
    { email, password: TEST_PASSWORD },
    headers,
  );
  expect(response.status).toBe(200);
  const { user } = (await response.json()) as { user: { id: string } };
  return {
    token: response.headers.get("set-auth-token") ?? "",
    cookie: response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; "),
    userId: user.id,
  };
}

/** A new account, verified by its emailed link (`signUpVerified`), signed in over HTTP. */
export async function signedInAccount(
  app: Hono,
  base: string,
  mailer: CapturingMailer,
  email: string,
): Promise<HttpSession> {
  await signUpVerified(app, base, mailer, email);
  return signInOverApp(app, base, email);
}

/**
 * A test file's database and Better Auth on it (base URL `baseURL`, emails captured), created
 * before its tests and dropped after; read `db` and `auth` inside hooks and tests.
 */
export function useTestAuth(
  options: Partial<Omit<AuthConfig, "db" | "mailer">> & { baseURL: string },
) {
  const mailer = new CapturingMailer();
  const state = {} as { db: TestDatabase; authDb: AuthDbHandle; auth: Auth };
  beforeAll(async () => {
    state.db = await createTestDatabase(inject("adminUrl"));
    state.authDb = createAuthDb(state.db.url);
    state.auth = createAuth({
      secret: "a-test-secret-of-at-least-thirty-two-characters",
      ...options,
      db: state.authDb.db,
      mailer,
    });
  });
  afterAll(async () => {
    await state.authDb?.close();
    await state.db?.drop();
  });
  return {
    mailer,
    get db() {
      return state.db;
    },
    get auth() {
      return state.auth;
    },
    /**
     * The HTTP app on this database and auth, at `baseURL`, trusting the same origins (call it in
     * a hook or test); `parts` add to or replace its dependencies (see `testDependencies`).
     */
    appWith(parts: Partial<AppDependencies> = {}): Hono {
      return createApp(
        testDependencies(state.db.sql, {
          auth: state.auth,
          publicUrl: options.baseURL,
          ...(options.trustedOrigins ? { trustedOrigins: options.trustedOrigins } : {}),
          ...parts,
        }),
      );
    },
  };
}
