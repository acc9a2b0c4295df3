import { randomUUID } from "node:crypto";
import { checkLedger, createLedger, type Ledger, type Sql, schema } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Hono } from "hono";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import type { Viewer } from "../services/service-context.ts";
import {
  postAuth,
  signInOverApp,
  signUpVerified,
  TEST_PASSWORD,
} from "../test-support/http-accounts.ts";
import {
  createAdmin,
  createCreator,
  createFundedPerson,
  ensurePlatformAccounts,
} from "../test-support/people.ts";
import { createTestContext, testDependencies } from "../test-support/test-context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";
import { ProcessCaches } from "./process-caches.ts";

// Two API "processes" on one database: each its own pools, Better Auth, ledger, caches and app.
// The caches' TTLs are a minute here, so only the invalidation can drop an entry in time.
const BASE = "http://coinstream.test";
const mailer = new CapturingMailer();
let db: TestDatabase;

interface Process {
  readonly sql: Sql;
  readonly ledger: Ledger;
  readonly caches: ProcessCaches;
  readonly app: Hono;
  /** Every statement this process sent (its pool and Better Auth's), whitespace folded. */
  readonly statements: string[];
  readonly close: () => Promise<void>;
}

async function startProcess(): Promise<Process> {
  const statements: string[] = [];
  const debug = (_connection: number, query: string) =>
    statements.push(query.replace(/\s+/g, " ").trim());
  const sql = postgres(db.url, {
    max: 4,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    debug,
  }) as unknown as Sql;
  const authClient = postgres(db.url, { max: 2, onnotice: () => {}, debug });
  const auth = createAuth({
    db: drizzle(authClient, { schema: schema.authSchema }),
    mailer,
    secret: "a-test-secret-of-at-least-thirty-two-characters",
    baseURL: BASE,
  });
  const ledger = createLedger(sql);
  const caches = new ProcessCaches(sql, { sessionTtlMs: 60_000, creatorTtlMs: 60_000 });
  await caches.start();
  const app = createApp(testDependencies(sql, { ledger, auth, caches }));
  return {
    sql,
    ledger,
    caches,
    app,
    statements,
    close: async () => {
      await caches.stop();
      await Promise.all([sql.end(), authClient.end()]);
    },
  };
}

let a: Process;
let b: Process;

beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  await ensurePlatformAccounts(db.sql);
  a = await startProcess();
  b = await startProcess();
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  expect(await checkLedger(db.sql)).toEqual([]);
  await db.drop();
});

/** A verified account signed in through process A; its bearer token. */
async function signIn(email: string, signUp = true): Promise<string> {
  if (signUp) await signUpVerified(a.app, BASE, mailer, email);
  return (await signInOverApp(a.app, BASE, email)).token;
}

function me(process: Process, token: string): Promise<Response> {
  return Promise.resolve(
    process.app.request(`${BASE}/trpc/me.get`, { headers: { authorization: `Bearer ${token}` } }),
  );
}

/** What a request on `process` sent to the database. */
async function statementsOf<T>(process: Process, call: () => Promise<T>): Promise<string[]> {
  const before = process.statements.length;
  await call();
  return process.statements.slice(before);
}

const readsSession = (statement: string) => /"sessions"|from users where id/.test(statement);
const readsCreator = (statement: string) => /creator_channels|from creators/.test(statement);

function caller(process: Process, viewer: Viewer | null) {
  return createCallerFactory(appRouter)(
    createTestContext({ sql: process.sql, ledger: process.ledger }, viewer),
  );
}

describe("the session cache", () => {
  it("answers a warm request without a session or user statement", async () => {
    const token = await signIn(`warm-${randomUUID()}@example.com`);
    const cold = await statementsOf(b, async () => expect((await me(b, token)).status).toBe(200));
    expect(cold.filter(readsSession).length).toBeGreaterThan(0);
    const warm = await statementsOf(b, async () => expect((await me(b, token)).status).toBe(200));
    expect(warm).toEqual([]);
  });

  it("stops a session signed out on process A on process B", async () => {
    const token = await signIn(`out-${randomUUID()}@example.com`);
    expect((await me(b, token)).status).toBe(200);
    expect((await me(a, token)).status).toBe(200);
    const signOut = await postAuth(
      a.app,
      BASE,
      "/sign-out",
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(signOut.status).toBe(200);
    // A dropped its own entry before answering; B hears the database's NOTIFY.
    expect((await me(a, token)).status).toBe(401);
    await vi.waitFor(async () => expect((await me(b, token)).status).toBe(401));
  });

  it("stops the other sessions on B when the password changes on A with revokeOtherSessions", async () => {
    const email = `pw-${randomUUID()}@example.com`;
    const first = await signIn(email);
    const second = await signIn(email, false);
    expect((await me(b, second)).status).toBe(200);
    const change = await postAuth(
      a.app,
      BASE,
      "/change-password",
      {
        currentPassword: TEST_PASSWORD,
        newPassword: "another horse battery staple",
        revokeOtherSessions: true,
      },
      { authorization: `Bearer ${first}` },
    );
    expect(change.status).toBe(200);
    await vi.waitFor(async () => expect((await me(b, second)).status).toBe(401));
  });

  it("drops the viewer on B when A freezes the account, changes its name or its role", async () => {
    const token = await signIn(`freeze-${randomUUID()}@example.com`);
    const userId = ((await (await me(b, token)).json()) as { result: { data: { userId: string } } })
      .result.data.userId;
    expect(b.caches.sessions.size).toBeGreaterThan(0);
    const holds = () =>
      (b.caches.sessions as unknown as { byTag: Map<string, unknown> }).byTag.has(userId);
    expect(holds()).toBe(true);

    const admin = await createAdmin(a.sql);
    await caller(a, admin).admin.freeze({ userId, reason: "chargebacks" });
    await vi.waitFor(() => expect(holds()).toBe(false));
    const frozen = await me(b, token);
    expect(frozen.status).toBe(200);
    expect(holds()).toBe(true);

    const rename = await postAuth(
      a.app,
      BASE,
      "/update-user",
      { name: "Renamed" },
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(rename.status).toBe(200);
    await vi.waitFor(() => expect(holds()).toBe(false));

    await me(b, token);
    expect(holds()).toBe(true);
    await a.sql`update users set role = 'admin' where id = ${userId}`;
    await vi.waitFor(() => expect(holds()).toBe(false));
  });
});

describe("the creator cache", () => {
  it("resolves a warm stream URL without reading creators", async () => {
    const creator = await createCreator(db.sql);
    const resolve = () => caller(b, null).streams.resolve({ url: creator.url });
    const cold = await statementsOf(b, resolve);
    expect(cold.filter(readsCreator).length).toBeGreaterThan(0);
    const warm = await statementsOf(b, async () =>
      expect(await resolve()).toMatchObject({ found: true, creator: { canReceive: true } }),
    );
    expect(warm.filter(readsCreator)).toEqual([]);
  });

  it("refuses gifts on B once A froze the creator", async () => {
    const creator = await createCreator(db.sql);
    const viewer = await createFundedPerson(db.sql, b.ledger, 10_000n);
    const gift = () =>
      caller(b, viewer).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: creator.url },
        giftId: "rose",
        count: 1,
      });
    await gift();
    const warm = await statementsOf(b, () => caller(b, null).streams.resolve({ url: creator.url }));
    expect(warm.filter(readsCreator)).toEqual([]);

    const admin = await createAdmin(a.sql);
    await caller(a, admin).admin.freeze({ userId: creator.user.userId, reason: "fraud review" });
    await vi.waitFor(async () =>
      expect(await caller(b, null).streams.resolve({ url: creator.url })).toMatchObject({
        found: true,
        creator: { canReceive: false },
      }),
    );
    await expect(gift()).rejects.toMatchObject({ cause: { code: "NOT_ELIGIBLE" } });
  });

  it("refuses gifts on B once A's third strike suspends the creator, and takes them again once A withdraws it", async () => {
    const creator = await createCreator(db.sql);
    const admin = await createAdmin(a.sql);
    const resolve = () => caller(b, null).streams.resolve({ url: creator.url });
    for (const daysAgo of [30, 10]) {
      await db.sql`
        insert into creator_strikes (creator_user_id, reason, issued_by, issued_at)
        values (${creator.user.userId}, 'spam', ${admin.userId}, now() - ${`${daysAgo} days`}::interval)`;
    }
    expect(await resolve()).toMatchObject({ creator: { canReceive: true } });
    // The strikes' invalidations may land after that read; once they have, B answers warm.
    await vi.waitFor(async () => {
      const warm = await statementsOf(b, resolve);
      expect(warm.filter(readsCreator)).toEqual([]);
    });

    const third = await caller(a, admin).admin.issueStrike({
      handle: creator.handle,
      reason: "hate",
    });
    await vi.waitFor(async () =>
      expect(await resolve()).toMatchObject({
        creator: { canReceive: false, reasons: [expect.objectContaining({ code: "SUSPENDED" })] },
      }),
    );
    const { appealId } = await caller(a, creator.user).creator.appealStrike({
      strikeId: third.strikeId,
      message: "A quote, in context.",
    });
    await caller(a, admin).admin.decideAppeal({
      appealId,
      decision: "withdraw",
      note: "in context",
    });
    await vi.waitFor(async () =>
      expect(await resolve()).toMatchObject({ creator: { canReceive: true } }),
    );
  });

  it("stops resolving a channel on B once A unlinked it", async () => {
    const creator = await createCreator(db.sql);
    const resolve = () => caller(b, null).streams.resolve({ url: creator.url });
    expect(await resolve()).toMatchObject({ found: true });
    expect(await resolve()).toMatchObject({ found: true });
    const [channel] = await db.sql<{ id: string }[]>`
      select id from creator_channels where creator_user_id = ${creator.user.userId}`;
    await caller(a, creator.user).channels.unlink({ channelId: channel?.id ?? "" });
    await vi.waitFor(async () => expect(await resolve()).toMatchObject({ found: false }));
  });

  it("resolves a channel on B once A linked it, after B cached that nobody had", async () => {
    const creator = await createCreator(db.sql);
    const url = `https://www.twitch.tv/${creator.handle}x`;
    const resolve = () => caller(b, null).streams.resolve({ url });
    expect(await resolve()).toMatchObject({ found: false });
    await a.sql`
      insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
      values (${creator.user.userId}, 'twitch', ${`${creator.handle}x`}, 200, true, now(), 'seed')`;
    await vi.waitFor(async () => expect(await resolve()).toMatchObject({ found: true }));
  });
});
