import { Hono } from "hono";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { SEEDED_GUIDELINES_VERSION, useTestAuth } from "../test-support/http-accounts.ts";
import { getSessionFromHeaders, mountAuthRoutes } from "./auth-routes.ts";
import type { MailMessage } from "./mailer.ts";

const BASE_URL = "http://127.0.0.1:3000";
const EXTENSION_ORIGIN = "chrome-extension://coinstreamtestextensionid";
const PASSWORD = "correct horse battery staple";

const accounts = useTestAuth({
  baseURL: BASE_URL,
  trustedOrigins: [EXTENSION_ORIGIN],
  // Every request here comes from one address; throttling has its own tests
  // (sign-in-throttle.test.ts), this file tests the account flows.
  rateLimit: { attemptsPerMinutePerAddress: 10_000 },
});
const { mailer } = accounts;
let app: Hono;

beforeAll(() => {
  app = mountAuthRoutes(new Hono(), accounts.auth);
});

let emailCounter = 0;
function freshEmail(label: string): string {
  emailCounter += 1;
  return `${label}-${emailCounter}@example.com`;
}

interface ErrorBody {
  readonly code?: string;
  readonly message?: string;
  /** The request body's key a person fixes (Better Auth's body plus `fieldError`'s field). */
  readonly field?: string;
}

/** A browser-like JSON POST from the extension to an auth endpoint. */
function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(`${BASE_URL}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: EXTENSION_ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
}

function signUp(email: string, fields: Record<string, unknown> = {}) {
  return post("/sign-up/email", {
    name: "Vera Viewer",
    email,
    password: PASSWORD,
    dateOfBirth: "1990-05-17",
    region: "DE",
    acceptedGuidelinesVersion: SEEDED_GUIDELINES_VERSION,
    ...fields,
  });
}

function signIn(email: string, password = PASSWORD) {
  return post("/sign-in/email", { email, password });
}

/** The last message to `to` whose subject matches; mail goes out after the response. */
async function waitForMail(to: string, subject: RegExp): Promise<MailMessage> {
  return vi.waitFor(
    () => {
      const message = mailer.messages.findLast((m) => m.to === to && subject.test(m.subject));
      if (!message) throw new Error(`no mail "${subject}" to ${to} yet`);
      return message;
    },
    { timeout: 5_000, interval: 20 },
  );
}

function linkIn(message: MailMessage): string {
  const link = /https?:\/\/\S+/.exec(message.text)?.[0];
  if (!link) throw new Error(`no link in: ${message.text}`);
  return link;
}

async function findUser(email: string) {
  const [row] = await accounts.db.sql<
    { id: string; dateOfBirth: string; region: string; emailVerified: boolean }[]
  >`
    select id, to_char(date_of_birth, 'YYYY-MM-DD') as "dateOfBirth", region,
           email_verified as "emailVerified"
    from users where email = ${email}`;
  return row;
}

/** Sign-up answered 400 with exactly `body`, and no account made for `email`. */
async function expectSignUpRefused(email: string, response: Response, body: object) {
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual(body);
  expect(await findUser(email)).toBeUndefined();
}

async function countSessions(userId: string): Promise<number> {
  const [row] = await accounts.db.sql<{ count: number }[]>`
    select count(*)::int as count from sessions where user_id = ${userId}`;
  return row?.count ?? 0;
}

/** Signs up and follows the emailed verification link. */
async function createVerifiedUser(label: string): Promise<string> {
  const email = freshEmail(label);
  expect((await signUp(email)).status).toBe(200);
  const verify = await app.request(linkIn(await waitForMail(email, /confirm your email/i)));
  expect(verify.status).toBe(302);
  return email;
}

/** Signs in and returns the signed bearer token from `set-auth-token`. */
async function signInForToken(email: string, password = PASSWORD): Promise<string> {
  const response = await signIn(email, password);
  expect(response.status).toBe(200);
  const token = response.headers.get("set-auth-token");
  if (!token) throw new Error("sign-in returned no set-auth-token header");
  return token;
}

function bearer(token: string): Headers {
  return new Headers({ authorization: `Bearer ${token}` });
}

describe("sign-up", () => {
  it("stores date of birth and region, hashes the password and mails a link when valid", async () => {
    const email = freshEmail("signup");
    const response = await signUp(email, { region: "de" });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string | null; user: { email: string } };
    expect(body.token).toBeNull(); // no session until the email is verified
    expect(body.user.email).toBe(email);
    const user = await findUser(email);
    expect(user).toMatchObject({ dateOfBirth: "1990-05-17", region: "DE", emailVerified: false });
    const [credential] = await accounts.db.sql<{ providerId: string; password: string }[]>`
      select provider_id as "providerId", password from auth_accounts where user_id = ${user?.id ?? ""}`;
    expect(credential?.providerId).toBe("credential");
    expect(credential?.password).not.toContain(PASSWORD);
    const mail = await waitForMail(email, /confirm your email/i);
    expect(linkIn(mail)).toMatch(`${BASE_URL}/api/auth/verify-email?token=`);
  });

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  it.each([
    ["in the future", tomorrow, /^Date of birth cannot be in the future$/],
    ["malformed", "17/05/1990", /^Date of birth must be a date in the form YYYY-MM-DD/],
    ["a date-time", "1990-05-17T00:00:00.000Z", /form YYYY-MM-DD/],
    ["not a calendar day", "2001-02-29", /^Date of birth 2001-02-29 is not a real calendar date$/],
    ["a number", 19_900_517, /form YYYY-MM-DD/],
    ["before 1900", "1899-12-31", /on or after 1900-01-01/],
    ["missing", undefined, /^Date of birth is required\.$/],
  ])(
    "refuses a date of birth %s with a clear error on that field and creates no user",
    async (_, dateOfBirth, message) => {
      const email = freshEmail("bad-dob");
      const response = await signUp(email, { dateOfBirth });

      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.message).toMatch(message);
      expect(body.field).toBe("dateOfBirth");
      expect(await findUser(email)).toBeUndefined();
      expect(mailer.messages.some((m) => m.to === email)).toBe(false);
    },
  );

  it.each([
    ["a country name", "Germany"],
    ["a digit", "D1"],
    ["three letters", "DEU"],
    ["empty", ""],
    ["a number", 49],
  ])(
    "refuses a region that is %s with a clear error on that field and creates no user",
    async (_, region) => {
      const email = freshEmail("bad-region");
      const response = await signUp(email, { region });

      await expectSignUpRefused(email, response, {
        code: "VALIDATION_ERROR",
        message: "Region must be a two-letter ISO 3166-1 code such as US or DE",
        field: "region",
      });
    },
  );

  it("records the acceptance of the community guidelines the sign-up carried", async () => {
    const email = freshEmail("guidelines");
    expect((await signUp(email)).status).toBe(200);
    const user = await findUser(email);
    const accepted = await accounts.db.sql<{ version: number }[]>`
      select version from guidelines_acceptances where user_id = ${user?.id ?? ""}`;
    expect(accepted).toEqual([{ version: SEEDED_GUIDELINES_VERSION }]);
  });

  it.each([
    ["missing", undefined],
    ["a version that does not exist", SEEDED_GUIDELINES_VERSION + 1],
    ["a string", String(SEEDED_GUIDELINES_VERSION)],
  ])(
    "refuses sign-up whose guidelines acceptance is %s and creates nothing",
    async (_, acceptedGuidelinesVersion) => {
      const email = freshEmail("no-guidelines");
      const response = await signUp(email, { acceptedGuidelinesVersion });

      await expectSignUpRefused(email, response, {
        code: "GUIDELINES_NOT_ACCEPTED",
        message: `Read and accept the community guidelines (version ${SEEDED_GUIDELINES_VERSION}) to create an account.`,
        field: "acceptedGuidelinesVersion",
        version: SEEDED_GUIDELINES_VERSION,
      });
      expect(mailer.messages.some((m) => m.to === email)).toBe(false);
    },
  );

  it("refuses sign-up without a region", async () => {
    const email = freshEmail("no-region");
    const response = await signUp(email, { region: undefined });

    await expectSignUpRefused(email, response, {
      code: "MISSING_FIELD",
      message: "Region is required.",
      field: "region",
    });
  });
});

/** The date `years` (and `days`) before today, as YYYY-MM-DD. */
function yearsAgo(years: number, days = 0): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe("the field of a sign-up refusal", () => {
  it.each([
    [
      "an invalid email",
      { email: "vera.example.com" },
      "INVALID_EMAIL",
      "email",
      "Enter a valid email address.",
    ],
    [
      "no password",
      { password: undefined },
      "INVALID_PASSWORD",
      "password",
      "Enter your password.",
    ],
    [
      "a 7-character password",
      { password: "1234567" },
      "PASSWORD_TOO_SHORT",
      "password",
      "Use at least 8 characters for your password.",
    ],
    [
      "a 129-character password",
      { password: "p".repeat(129) },
      "PASSWORD_TOO_LONG",
      "password",
      "Use at most 128 characters for your password.",
    ],
    [
      "an under-age date of birth",
      { dateOfBirth: yearsAgo(12), region: "US" },
      "UNDER_SIGN_UP_AGE",
      "dateOfBirth",
      expect.stringMatching(/^You must be at least 13/),
    ],
    [
      "a display name with a line break",
      { name: "Vera\nViewer" },
      "INVALID_DISPLAY_NAME",
      "name",
      expect.stringMatching(/line break/),
    ],
    [
      "a bad region",
      { region: "DEU" },
      "VALIDATION_ERROR",
      "region",
      "Region must be a two-letter ISO 3166-1 code such as US or DE",
    ],
  ])(
    "names the field when the sign-up has %s, and creates nothing",
    async (_, fields, code, field, message) => {
      const email = freshEmail("field");
      const response = await signUp(email, fields);

      await expectSignUpRefused(email, response, { code, message, field });
    },
  );

  it("names the first field to fix, in the form's order, when several are wrong", async () => {
    const response = await signUp(freshEmail("several"), {
      password: "short",
      region: "Germany",
      dateOfBirth: "soon",
    });

    expect(await response.json()).toMatchObject({ code: "PASSWORD_TOO_SHORT", field: "password" });
  });

  it("answers an existing email like a new one: no error and no field that would say it is taken", async () => {
    const taken = await createVerifiedUser("existing");
    const fresh = freshEmail("not-taken");

    const [again, first] = await Promise.all([
      signUp(taken, { name: "Someone Else" }),
      signUp(fresh),
    ]);

    // requireEmailVerification: Better Auth answers a duplicate as if it created an account, so
    // USER_ALREADY_EXISTS never reaches a client and the email field never says "taken".
    expect(again.status).toBe(first.status);
    const body = (await again.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys((await first.json()) as object).sort());
    expect(body).toMatchObject({ token: null, user: { email: taken } });
    expect(body).not.toHaveProperty("field");
    const [row] = await accounts.db.sql<
      { name: string }[]
    >`select name from users where email = ${taken}`;
    expect(row?.name).toBe("Vera Viewer");
  });

  it("checks the fields of a sign-up with an existing email like any other", async () => {
    const taken = await createVerifiedUser("existing-short");

    const response = await signUp(taken, { password: "short" });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_TOO_SHORT", field: "password" });
  });
});

describe("sign-up age", () => {
  it.each([
    ["10", yearsAgo(10)],
    ["13 tomorrow", yearsAgo(13, 1)],
  ])("refuses someone aged %s with a clear message and creates nothing", async (_, dob) => {
    const email = freshEmail("child");
    const response = await signUp(email, { dateOfBirth: dob, region: "US" });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: "UNDER_SIGN_UP_AGE",
      message: expect.stringMatching(/^You must be at least 13 to create a Coinstream account\./),
      field: "dateOfBirth",
    });
    // An absence under test: no mail goes out, however late (mail is sent after the answer).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mailer.messages.some((m) => m.to === email)).toBe(false);
  });

  it("answers a child the same whether or not the email already has an account", async () => {
    const taken = await createVerifiedUser("taken");

    const response = await signUp(taken, { dateOfBirth: yearsAgo(10) });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "UNDER_SIGN_UP_AGE",
      field: "dateOfBirth",
    });
  });

  it("accepts a 13-year-old (who may not buy or gift until the region's age)", async () => {
    const email = freshEmail("thirteen");
    const response = await signUp(email, { dateOfBirth: yearsAgo(13), region: "US" });

    expect(response.status).toBe(200);
    expect(await findUser(email)).toMatchObject({ dateOfBirth: yearsAgo(13) });
  });
});

describe("display names", () => {
  async function findName(email: string) {
    const [row] = await accounts.db.sql<
      { name: string }[]
    >`select name from users where email = ${email}`;
    return row?.name;
  }

  it.each([
    ["a right-to-left override", "Vera\u202Eresu", /text-direction control/],
    ["15,000 characters", "x".repeat(15_000), /at most 50 characters; this one has 15000/],
    ["a line break", "Vera\nViewer", /line break/],
    ["only spaces", "   ", /cannot be empty/],
  ])("refuses a name with %s at sign-up and creates nothing", async (_, name, message) => {
    const email = freshEmail("bad-name");
    const response = await signUp(email, { name });

    await expectSignUpRefused(email, response, {
      code: "INVALID_DISPLAY_NAME",
      message: expect.stringMatching(message),
      field: "name",
    });
  });

  it("stores the name trimmed at sign-up", async () => {
    const email = freshEmail("trimmed");
    expect((await signUp(email, { name: "  Vera  " })).status).toBe(200);
    expect(await findName(email)).toBe("Vera");
  });

  it("refuses a bad name on update-user and keeps the old one; a good one is stored trimmed", async () => {
    const email = await createVerifiedUser("rename");
    const token = await signInForToken(email);
    const auth = { authorization: `Bearer ${token}` };

    for (const name of ["Evil\u202Eeman", "y".repeat(51)]) {
      const response = await post("/update-user", { name }, auth);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "INVALID_DISPLAY_NAME", field: "name" });
    }
    expect(await findName(email)).toBe("Vera Viewer");

    expect((await post("/update-user", { name: " Vera V. " }, auth)).status).toBe(200);
    expect(await findName(email)).toBe("Vera V.");
  });
});

describe("email verification", () => {
  it("refuses sign-in with EMAIL_NOT_VERIFIED and opens no session when unverified", async () => {
    const email = freshEmail("unverified");
    await signUp(email);

    const response = await signIn(email);

    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).code).toBe("EMAIL_NOT_VERIFIED");
    expect(response.headers.get("set-auth-token")).toBeNull();
    const user = await findUser(email);
    expect(await countSessions(user?.id ?? "")).toBe(0);
  });

  it("mails a fresh link when an unverified person signs in, and that link verifies", async () => {
    const email = freshEmail("resend");
    await signUp(email);
    await waitForMail(email, /confirm your email/i);

    expect((await signIn(email)).status).toBe(403);
    const fresh = await vi.waitFor(() => {
      const mails = mailer.messages.filter((m) => m.to === email);
      expect(mails).toHaveLength(2);
      return mails[1] as MailMessage;
    });
    expect((await app.request(linkIn(fresh))).status).toBe(302);
    expect((await findUser(email))?.emailVerified).toBe(true);
    expect((await signIn(email)).status).toBe(200);
  });

  it("marks the email verified when the mailed link is opened", async () => {
    const email = freshEmail("verify");
    await signUp(email);
    const link = linkIn(await waitForMail(email, /confirm your email/i));

    const response = await app.request(link);

    expect(response.status).toBe(302);
    expect((await findUser(email))?.emailVerified).toBe(true);
    // It lands on a page that says so (Better Auth's default is `/`, which nothing serves).
    const landing = await app.request(`${BASE_URL}${response.headers.get("location")}`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain("Your email is confirmed");
  });

  it("leaves the email unverified when the link's token is tampered with", async () => {
    const email = freshEmail("verify-tampered");
    await signUp(email);
    const link = linkIn(await waitForMail(email, /confirm your email/i));
    const url = new URL(link);
    const token = url.searchParams.get("token") ?? "";
    url.searchParams.set("token", `${token.slice(0, -4)}AAAA`);

    const response = await app.request(url.toString());

    expect(response.headers.get("location")).toBe("/email-verified?error=INVALID_TOKEN");
    expect((await findUser(email))?.emailVerified).toBe(false);
    const landing = await app.request(`${BASE_URL}/email-verified?error=INVALID_TOKEN`);
    expect(landing.status).toBe(400);
    expect(await landing.text()).toContain("is not valid");
  });
});

describe("sign-in", () => {
  it("returns a signed session token in set-auth-token when the email is verified", async () => {
    const email = await createVerifiedUser("signin");

    const response = await signIn(email);

    expect(response.status).toBe(200);
    const token = response.headers.get("set-auth-token") ?? "";
    const [sessionToken, signature] = token.split(".");
    expect(signature).toBeTruthy();
    const [stored] = await accounts.db.sql<{ token: string }[]>`
      select s.token from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
    expect(stored?.token).toBe(sessionToken);
    // The extension reads the header cross-origin, so it must be exposed.
    expect(response.headers.get("access-control-expose-headers")).toMatch(/set-auth-token/i);
  });

  it("refuses a wrong password with 401 and no token", async () => {
    const email = await createVerifiedUser("wrong-password");

    const response = await signIn(email, "not the password");

    expect(response.status).toBe(401);
    expect(response.headers.get("set-auth-token")).toBeNull();
  });

  it("refuses a request from an origin that is not trusted", async () => {
    const email = await createVerifiedUser("untrusted-origin");

    const response = await post(
      "/sign-in/email",
      { email, password: PASSWORD },
      { origin: "https://evil.example" },
    );

    expect(response.status).toBe(403);
    expect(response.headers.get("set-auth-token")).toBeNull();
  });
});

describe("the field of a sign-in or password-reset refusal", () => {
  it.each([
    [
      "an invalid email",
      "/sign-in/email",
      { email: "vera", password: PASSWORD },
      "INVALID_EMAIL",
      "email",
    ],
    [
      "no password",
      "/sign-in/email",
      { email: "vera@example.com", password: "" },
      "INVALID_PASSWORD",
      "password",
    ],
    [
      "an invalid email",
      "/request-password-reset",
      { email: "vera", redirectTo: "/reset-password" },
      "INVALID_EMAIL",
      "email",
    ],
    [
      "a short new password",
      "/reset-password",
      { token: "any", newPassword: "short" },
      "PASSWORD_TOO_SHORT",
      "newPassword",
    ],
  ])("names the field when %s is sent to %s", async (_, path, body, code, field) => {
    const response = await post(path, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code, field });
  });
});

describe("getSessionFromHeaders", () => {
  it("returns the user with date of birth and region when given the bearer token", async () => {
    const email = await createVerifiedUser("bearer");
    const token = await signInForToken(email);

    const session = await getSessionFromHeaders(accounts.auth, bearer(token));

    expect(session?.user.email).toBe(email);
    expect(session?.user.emailVerified).toBe(true);
    expect(session?.user.region).toBe("DE");
    expect(session?.user.dateOfBirth.toISOString()).toBe("1990-05-17T00:00:00.000Z");
    // The same token works over HTTP, as the extension uses it.
    const response = await app.request(`${BASE_URL}/api/auth/get-session`, {
      headers: bearer(token),
    });
    expect(((await response.json()) as { user: { email: string } }).user.email).toBe(email);
  });

  it("returns null when anonymous", async () => {
    expect(await getSessionFromHeaders(accounts.auth, new Headers())).toBeNull();
  });

  it("returns null when the bearer token is tampered with or unsigned", async () => {
    const email = await createVerifiedUser("tampered");
    const token = await signInForToken(email);
    const [sessionToken = "", signature = ""] = token.split(".");
    const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;

    expect(
      await getSessionFromHeaders(accounts.auth, bearer(`${sessionToken}.${flipped}`)),
    ).toBeNull();
    expect(
      await getSessionFromHeaders(accounts.auth, bearer(`${sessionToken}x.${signature}`)),
    ).toBeNull();
    // requireSignature: the raw session token (as stored in the database) is not enough.
    expect(await getSessionFromHeaders(accounts.auth, bearer(sessionToken))).toBeNull();
    expect(await getSessionFromHeaders(accounts.auth, bearer(token))).not.toBeNull();
  });
});

describe("sign-out", () => {
  it("ends the session so the bearer token no longer authenticates", async () => {
    const email = await createVerifiedUser("signout");
    const token = await signInForToken(email);
    const userId = (await findUser(email))?.id ?? "";
    expect(await countSessions(userId)).toBe(1);

    const response = await post("/sign-out", {}, { authorization: `Bearer ${token}` });

    expect(response.status).toBe(200);
    expect(await countSessions(userId)).toBe(0);
    expect(await getSessionFromHeaders(accounts.auth, bearer(token))).toBeNull();
  });
});

describe("update-user", () => {
  it("refuses to change date of birth or region after sign-up", async () => {
    const email = await createVerifiedUser("fixed-fields");
    const token = await signInForToken(email);

    const dob = await post(
      "/update-user",
      { dateOfBirth: "2012-01-01" },
      { authorization: `Bearer ${token}` },
    );
    const region = await post(
      "/update-user",
      { region: "US" },
      { authorization: `Bearer ${token}` },
    );

    expect(dob.status).toBe(400);
    expect(await dob.json()).toEqual({
      code: "FIELD_FIXED_AFTER_SIGN_UP",
      message: "Date of birth cannot be changed after sign-up.",
      field: "dateOfBirth",
    });
    expect(region.status).toBe(400);
    expect(await region.json()).toMatchObject({ field: "region" });
    expect(await findUser(email)).toMatchObject({ dateOfBirth: "1990-05-17", region: "DE" });
  });
});

describe("password reset", () => {
  it("mails a link that sets a new password and ends the old sessions", async () => {
    const email = await createVerifiedUser("reset");
    const oldToken = await signInForToken(email);
    const newPassword = "a brand new passphrase";

    const request = await post("/request-password-reset", { email, redirectTo: "/reset-password" });
    expect(request.status).toBe(200);
    const link = linkIn(await waitForMail(email, /reset your coinstream password/i));
    expect(link).toMatch(`${BASE_URL}/api/auth/reset-password/`);
    // Opening the link sends the person on to the reset page with the token.
    const opened = await app.request(link);
    expect(opened.status).toBe(302);
    const location = new URL(opened.headers.get("location") ?? "", BASE_URL);
    expect(location.pathname).toBe("/reset-password");
    const resetToken = location.searchParams.get("token") ?? "";
    expect(resetToken).not.toBe("");

    const reset = await post("/reset-password", { token: resetToken, newPassword });

    expect(reset.status).toBe(200);
    expect((await signIn(email)).status).toBe(401);
    expect((await signIn(email, newPassword)).status).toBe(200);
    expect(await getSessionFromHeaders(accounts.auth, bearer(oldToken))).toBeNull();
    // The token works once.
    const again = await post("/reset-password", {
      token: resetToken,
      newPassword: "yet another one!",
    });
    expect(again.status).toBe(400);
  });

  it("answers the same and sends nothing when the email is unknown", async () => {
    const email = freshEmail("nobody");
    const before = mailer.messages.length;

    const response = await post("/request-password-reset", {
      email,
      redirectTo: "/reset-password",
    });

    expect(response.status).toBe(200);
    // An absence under test: no mail goes out, however late (mail is sent after the answer).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mailer.messages.length).toBe(before);
  });
});
