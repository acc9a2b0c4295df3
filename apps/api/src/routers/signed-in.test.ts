import { randomUUID } from "node:crypto";
import {
  accountId,
  checkLedger,
  createLedger,
  ensureAccounts,
  type Ledger,
  PLATFORM_OWNER,
} from "@coinstream/db";
import { TRPCClientError } from "@trpc/client";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureViewerWallet } from "../services/wallet/viewer-wallet.ts";
import {
  TEST_EXTENSION_ORIGIN as EXTENSION,
  signedInAccount,
  useTestAuth,
} from "../test-support/http-accounts.ts";
import { createInProcessClient } from "../trpc/test-client.ts";

const BASE_URL = "http://coinstream.test";
const accounts = useTestAuth({ baseURL: BASE_URL, trustedOrigins: [EXTENSION] });
let ledger: Ledger;
let app: Hono;

beforeAll(async () => {
  ledger = createLedger(accounts.db.sql);
  await ensureAccounts(accounts.db.sql, [
    { ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" },
  ]);
  app = accounts.appWith({ ledger });
});

// Runs before useTestAuth drops the database (after-hooks run in reverse order).
afterAll(async () => {
  expect(await checkLedger(accounts.db.sql)).toEqual([]);
});

/** Signs up, follows the emailed verification link, signs in; the bearer token and user id. */
const signedInViewer = (email: string) => signedInAccount(app, BASE_URL, accounts.mailer, email);

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
    const wallet = await ensureViewerWallet(accounts.db.sql, alice.userId);
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
