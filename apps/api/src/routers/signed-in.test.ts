import { randomUUID } from "node:crypto";
import {
  accountId,
  checkLedger,
  createLedger,
  ensureAccounts,
  type Ledger,
  PLATFORM_OWNER,
} from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { TRPCClientError } from "@trpc/client";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { type AuthDbHandle, createAuthDb } from "../auth/auth-db.ts";
import { createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import { ensureViewerWallet } from "../services/wallet/viewer-wallet.ts";
import { SEEDED_GUIDELINES_VERSION } from "../test-support/http-accounts.ts";
import { testDependencies } from "../test-support/test-context.ts";
import { createInProcessClient } from "../trpc/test-client.ts";

const BASE_URL = "http://coinstream.test";
const EXTENSION = "chrome-extension://coinstreamtestextension";
let db: TestDatabase;
let authDb: AuthDbHandle;
let ledger: Ledger;
let app: Hono;
const mailer = new CapturingMailer();

beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  authDb = createAuthDb(db.url);
  ledger = createLedger(db.sql);
  await ensureAccounts(db.sql, [{ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }]);
  const auth = createAuth({
    db: authDb.db,
    mailer,
    secret: "a-test-secret-of-at-least-thirty-two-characters",
    baseURL: BASE_URL,
    trustedOrigins: [EXTENSION],
  });
  app = createApp(testDependencies(db.sql, { ledger, auth, trustedOrigins: [EXTENSION] }));
});

afterAll(async () => {
  expect(await checkLedger(db.sql)).toEqual([]);
  await authDb?.close();
  await db?.drop();
});

/** Signs up, follows the emailed verification link, signs in; returns the bearer token. */
async function signedInViewer(
  email: string,
  dateOfBirth = "1990-05-17",
): Promise<{ token: string; userId: string }> {
  const post = (path: string, body: unknown) =>
    app.request(`${BASE_URL}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: EXTENSION },
      body: JSON.stringify(body),
    });
  const password = "correct horse battery staple";
  const signUp = await post("/sign-up/email", {
    name: "Vera",
    email,
    password,
    dateOfBirth,
    region: "DE",
    acceptedGuidelinesVersion: SEEDED_GUIDELINES_VERSION,
  });
  expect(signUp.status).toBe(200);
  const mail = await vi.waitFor(() => {
    const message = mailer.messages.findLast((m) => m.to === email);
    if (!message) throw new Error("no verification mail yet");
    return message;
  });
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0] ?? "";
  expect((await app.request(link)).status).toBeLessThan(400);
  const signIn = await post("/sign-in/email", { email, password });
  expect(signIn.status).toBe(200);
  const token = signIn.headers.get("set-auth-token");
  expect(token).toBeTruthy();
  const { user } = (await signIn.json()) as { user: { id: string } };
  return { token: token as string, userId: user.id };
}

const clientFor = (token?: string) =>
  createInProcessClient(app, token ? { authorization: `Bearer ${token}`, origin: EXTENSION } : {});

describe("signed-in procedures over HTTP", () => {
  it("knows who is calling when the extension sends its bearer token", async () => {
    const { token } = await signedInViewer(`vera-${randomUUID()}@example.com`);
    const me = await clientFor(token).me.get.query();
    expect(me).toMatchObject({
      emailVerified: true,
      dateOfBirth: "1990-05-17",
      region: "DE",
      regionMinimumAge: 18,
    });
    expect(me.age).toBeGreaterThanOrEqual(36);
  });

  it("refuses wallet calls with UNAUTHORIZED when no or a forged token is sent", async () => {
    for (const client of [clientFor(), clientFor("forged.token")]) {
      const error = await client.wallet.get.query().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<never>).message).toBe("Sign in to continue.");
    }
  });

  it("shows each person only their own wallet when two people are signed in", async () => {
    const alice = await signedInViewer(`alice-${randomUUID()}@example.com`);
    const bob = await signedInViewer(`bob-${randomUUID()}@example.com`);
    const wallet = await ensureViewerWallet(db.sql, alice.userId);
    const [minted] = await ledger.createTransfers([
      {
        id: randomUUID(),
        debitAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }),
        creditAccountId: wallet,
        asset: "COIN",
        amount: 250n,
        code: "purchase",
      },
    ]);
    expect(minted?.result).toBe("ok");

    expect((await clientFor(alice.token).wallet.get.query()).coins).toBe(250);
    expect((await clientFor(bob.token).wallet.get.query()).coins).toBe(0);
    expect((await clientFor(bob.token).wallet.history.query({})).items).toEqual([]);
    await clientFor(alice.token).limits.set.mutate({ dailyCoins: 42 });
    expect((await clientFor(alice.token).limits.get.query()).viewer?.dailyCoins).toBe(42);
    expect((await clientFor(bob.token).limits.get.query()).viewer).toBeNull();
  });

  it("lets the extension's origin read the bearer header cross-origin and no other origin", async () => {
    const preflight = (origin: string) =>
      app.request(`${BASE_URL}/trpc/wallet.get`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
    const allowed = await preflight(EXTENSION);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(EXTENSION);
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
    expect(
      (await preflight("https://evil.example")).headers.get("access-control-allow-origin"),
    ).toBeNull();
  });
});
