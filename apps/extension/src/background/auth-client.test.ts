import { describe, expect, it } from "vitest";
import { handleAuthRequest } from "./auth-client.ts";
import { createMemorySessionStore } from "./session-store.ts";
import { jsonResponse, stubFetch } from "./testing.ts";

const API = "http://api.test";
const USER = { id: "u1", name: "Vera", email: "vera@example.com", emailVerified: true };

/** A sign-up the API refuses with 400 and `body` (Better Auth's `{ code, message, field }`). */
function signUpRefusedWith(body: { code: string; message: string; field?: string }) {
  const { fetch } = stubFetch(() => jsonResponse(body, 400));
  return handleAuthRequest(
    {
      action: "signUp",
      email: "x@example.com",
      password: "pw-123456",
      name: "X",
      dateOfBirth: "2016-01-01",
      region: "US",
      acceptedGuidelinesVersion: 1,
    },
    { apiUrl: API, sessions: createMemorySessionStore(), fetch },
  );
}

describe("handleAuthRequest", () => {
  it("stores the signed token from set-auth-token when sign-in succeeds", async () => {
    const sessions = createMemorySessionStore();
    const { fetch, requests } = stubFetch(() =>
      jsonResponse({ redirect: false, token: "raw", user: USER }, 200, {
        "set-auth-token": "raw.signature",
      }),
    );
    const result = await handleAuthRequest(
      { action: "signIn", email: " vera@example.com ", password: "pw-123456" },
      { apiUrl: API, sessions, fetch },
    );
    expect(result).toEqual({
      ok: true,
      data: { user: { id: "u1", name: "Vera", email: "vera@example.com" } },
    });
    expect(sessions.current()?.token).toBe("raw.signature");
    const [request] = requests;
    expect(request?.url).toBe(`${API}/api/auth/sign-in/email`);
    expect(request?.method).toBe("POST");
    expect(request?.credentials).toBe("omit");
    expect(request?.headers.get("authorization")).toBeNull();
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      email: "vera@example.com",
      password: "pw-123456",
    });
  });

  it("explains wrong credentials and stores nothing when sign-in is refused", async () => {
    const sessions = createMemorySessionStore();
    const { fetch } = stubFetch(() =>
      jsonResponse(
        { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" },
        401,
      ),
    );
    const result = await handleAuthRequest(
      { action: "signIn", email: "vera@example.com", password: "nope" },
      { apiUrl: API, sessions, fetch },
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "UNAUTHORIZED",
        domainCode: "INVALID_EMAIL_OR_PASSWORD",
        message: "That email and password don't match an account.",
        fieldErrors: {},
      },
    });
    expect(sessions.current()).toBeNull();
  });

  it("tells the person to confirm their email when it is not verified yet", async () => {
    const { fetch } = stubFetch(() =>
      jsonResponse({ code: "EMAIL_NOT_VERIFIED", message: "Email not verified" }, 403),
    );
    const result = await handleAuthRequest(
      { action: "signIn", email: "new@example.com", password: "pw-123456" },
      { apiUrl: API, sessions: createMemorySessionStore(), fetch },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.domainCode).toBe("EMAIL_NOT_VERIFIED");
      expect(result.error.message).toMatch(/Confirm your email/);
    }
  });

  it("sends every sign-up field and reports the verification email when no session comes back", async () => {
    const sessions = createMemorySessionStore();
    const { fetch, requests } = stubFetch(() => jsonResponse({ token: null, user: USER }));
    const result = await handleAuthRequest(
      {
        action: "signUp",
        email: "vera@example.com",
        password: "pw-123456",
        name: " Vera ",
        dateOfBirth: "1990-05-17",
        region: "DE",
        acceptedGuidelinesVersion: 1,
      },
      { apiUrl: API, sessions, fetch },
    );
    expect(result).toEqual({ ok: true, data: { user: null, verificationSent: true } });
    expect(requests[0]?.url).toBe(`${API}/api/auth/sign-up/email`);
    expect(requests[0]?.credentials).toBe("omit");
    expect(requests[0]?.headers.get("authorization")).toBeNull();
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      email: "vera@example.com",
      password: "pw-123456",
      name: "Vera",
      dateOfBirth: "1990-05-17",
      region: "DE",
      acceptedGuidelinesVersion: 1,
    });
    expect(sessions.current()).toBeNull();
  });

  it.each([
    [
      "VALIDATION_ERROR",
      "Date of birth cannot be in the future",
      "dateOfBirth",
      "Date of birth cannot be in the future",
    ],
    [
      "VALIDATION_ERROR",
      "Region must be a two-letter ISO 3166-1 code such as US or DE",
      "region",
      "Region must be a two-letter ISO 3166-1 code such as US or DE",
    ],
    ["MISSING_FIELD", "Region is required.", "region", "Region is required."],
    ["INVALID_EMAIL", "Invalid email", "email", "Enter a valid email address."],
    [
      "PASSWORD_TOO_SHORT",
      "Password too short",
      "password",
      "Use at least 8 characters for your password.",
    ],
    [
      "GUIDELINES_NOT_ACCEPTED",
      "Read and accept the community guidelines (version 2) to create an account.",
      "acceptedGuidelinesVersion",
      "Read and accept the community guidelines (version 2) to create an account.",
    ],
  ])(
    "puts a %s refusal (%j) next to the field the body names, %s",
    async (code, raw, field, message) => {
      const result = await signUpRefusedWith({ code, message: raw, field });
      expect(result).toEqual({
        ok: false,
        error: {
          code: "BAD_REQUEST",
          domainCode: code,
          message,
          details: {},
          fieldErrors: { [field]: [message] },
        },
      });
    },
  );

  it("keeps a refusal that names no field above the form, whatever its words say", async () => {
    const result = await signUpRefusedWith({
      code: "VALIDATION_ERROR",
      message: "[body.email] Invalid email address",
    });
    expect(result).toMatchObject({
      ok: false,
      error: { message: "[body.email] Invalid email address", fieldErrors: {} },
    });
  });

  it.each([
    [
      "UNDER_SIGN_UP_AGE",
      "You must be at least 13 to create a Coinstream account. If the date of birth is wrong, correct it and try again.",
      "dateOfBirth",
    ],
    [
      "INVALID_DISPLAY_NAME",
      "A display name can be at most 50 characters; this one has 51.",
      "name",
    ],
  ])(
    "puts the API's %s refusal, in its own words, next to its field",
    async (code, message, field) => {
      const result = await signUpRefusedWith({ code, message, field });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: "BAD_REQUEST",
          domainCode: code,
          message,
          fieldErrors: { [field]: [message] },
        },
      });
    },
  );

  it("asks the API with the bearer token and refreshes the user when the status is checked", async () => {
    const sessions = createMemorySessionStore({
      token: "tok.sig",
      user: { id: "u1", name: "Old", email: "vera@example.com" },
    });
    const { fetch, requests } = stubFetch(() =>
      jsonResponse({ session: { id: "s1" }, user: USER }),
    );
    const result = await handleAuthRequest({ action: "status" }, { apiUrl: API, sessions, fetch });
    expect(result).toEqual({
      ok: true,
      data: { user: { id: "u1", name: "Vera", email: "vera@example.com" } },
    });
    expect(requests[0]?.url).toBe(`${API}/api/auth/get-session`);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer tok.sig");
    expect(requests[0]?.credentials).toBe("omit");
    expect(sessions.current()).toEqual({
      token: "tok.sig",
      user: { id: "u1", name: "Vera", email: "vera@example.com" },
    });
  });

  it("keeps the token the API sends back in set-auth-token when the status is checked", async () => {
    const sessions = createMemorySessionStore({
      token: "tok.sig",
      user: { id: "u1", name: "Vera", email: "vera@example.com" },
    });
    const { fetch } = stubFetch(() =>
      jsonResponse({ session: { id: "s1" }, user: USER }, 200, { "set-auth-token": "new.sig" }),
    );
    await handleAuthRequest({ action: "status" }, { apiUrl: API, sessions, fetch });
    expect(sessions.current()?.token).toBe("new.sig");
  });

  it("forgets the token when the API answers 401 for the session", async () => {
    const sessions = createMemorySessionStore({
      token: "revoked.sig",
      user: { id: "u1", name: "Vera", email: "vera@example.com" },
    });
    const { fetch } = stubFetch(() =>
      jsonResponse({ code: "UNAUTHORIZED", message: "Unauthorized" }, 401),
    );
    const result = await handleAuthRequest({ action: "status" }, { apiUrl: API, sessions, fetch });
    expect(result).toEqual({ ok: true, data: { user: null } });
    expect(sessions.current()).toBeNull();
  });

  it("forgets the token when the API no longer knows the session", async () => {
    const sessions = createMemorySessionStore({
      token: "expired.sig",
      user: { id: "u1", name: "Vera", email: "vera@example.com" },
    });
    const { fetch } = stubFetch(() => jsonResponse(null));
    const result = await handleAuthRequest({ action: "status" }, { apiUrl: API, sessions, fetch });
    expect(result).toEqual({ ok: true, data: { user: null } });
    expect(sessions.current()).toBeNull();
  });

  it("answers the status without calling the API when nobody is signed in", async () => {
    const { fetch, requests } = stubFetch(() => jsonResponse(null));
    const result = await handleAuthRequest(
      { action: "status" },
      { apiUrl: API, sessions: createMemorySessionStore(), fetch },
    );
    expect(result).toEqual({ ok: true, data: { user: null } });
    expect(requests).toHaveLength(0);
  });

  it("reports NETWORK and keeps the session when the API cannot be reached for the status", async () => {
    const session = { token: "tok.sig", user: { id: "u1", name: "Vera", email: "v@example.com" } };
    const sessions = createMemorySessionStore(session);
    const { fetch } = stubFetch(() => {
      throw new TypeError("Failed to fetch");
    });
    const result = await handleAuthRequest({ action: "status" }, { apiUrl: API, sessions, fetch });
    expect(result).toMatchObject({ ok: false, error: { code: "NETWORK" } });
    expect(sessions.current()).toEqual(session);
  });

  it("signs out with the bearer token and forgets it even when the API cannot be reached", async () => {
    const sessions = createMemorySessionStore({
      token: "tok.sig",
      user: { id: "u1", name: "Vera", email: "v@example.com" },
    });
    const { fetch, requests } = stubFetch(() => {
      throw new TypeError("Failed to fetch");
    });
    const result = await handleAuthRequest({ action: "signOut" }, { apiUrl: API, sessions, fetch });
    expect(result).toEqual({ ok: true, data: { user: null } });
    expect(sessions.current()).toBeNull();
    expect(requests[0]?.url).toBe(`${API}/api/auth/sign-out`);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer tok.sig");
    expect(requests[0]?.credentials).toBe("omit");
  });
});
