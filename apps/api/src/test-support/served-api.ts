import { randomUUID } from "node:crypto";
import { checkLedger, createLedger, type Ledger } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { authOverFetch, signIn, signUp } from "@coinstream/test-harness";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { createApp } from "../app.ts";
import { type AuthDbHandle, createAuthDb } from "../auth/auth-db.ts";
import { createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import { createPayments } from "../payments/create-payments.ts";
import { StreamEventHub } from "../realtime/stream-event-hub.ts";
import { TEST_PASSWORD, verificationLink } from "./http-accounts.ts";
import { listenOnLoopback } from "./loopback-server.ts";
import { ensurePlatformAccounts } from "./people.ts";

/** A person signed up over HTTP (email verified from the captured mail) and signed in. */
export interface ServedPerson {
  readonly email: string;
  readonly userId: string;
  /** Their signed bearer token. */
  readonly token: string;
}

/**
 * The whole API on a real socket for a test file: a fresh database with the platform accounts,
 * Better Auth mailing into `mailer`, sandbox payments and a started stream-event hub, built once
 * the port is known (emailed links and checkout pages name it). Created before the file's tests,
 * stopped after them with the ledger checked; read the fields inside hooks and tests.
 */
export function useServedApi() {
  const mailer = new CapturingMailer();
  const state = {} as {
    db: TestDatabase;
    authDb: AuthDbHandle;
    ledger: Ledger;
    hub: StreamEventHub;
    base: string;
    close: () => Promise<void>;
  };
  beforeAll(async () => {
    const db = await createTestDatabase(inject("adminUrl"));
    state.db = db;
    await ensurePlatformAccounts(db.sql);
    state.authDb = createAuthDb(db.url);
    const ledger = createLedger(db.sql);
    state.ledger = ledger;
    state.hub = new StreamEventHub(db.sql);
    await state.hub.start();
    let app: ReturnType<typeof createApp> | null = null;
    const server = await listenOnLoopback(
      (request) => app?.fetch(request) ?? new Response(null, { status: 503 }),
    );
    state.close = server.close;
    const base = server.base;
    state.base = base;
    app = createApp({
      sql: db.sql,
      ledger,
      events: state.hub,
      publicUrl: base,
      auth: createAuth({
        db: state.authDb.db,
        mailer,
        secret: "a-served-api-secret-of-at-least-32-chars",
        baseURL: base,
      }),
      payments: createPayments({
        sql: db.sql,
        ledger,
        publicUrl: base,
        sandboxWebhookSecret: "whsec_served_api",
      }),
    });
  });
  afterAll(async () => {
    await state.close?.();
    await state.hub?.stop();
    if (state.db) expect(await checkLedger(state.db.sql)).toEqual([]);
    await state.authDb?.close();
    await state.db?.drop();
  });
  return {
    mailer,
    /** http://127.0.0.1:PORT */
    get base() {
      return state.base;
    },
    get db() {
      return state.db;
    },
    get ledger() {
      return state.ledger;
    },
    /** Signs `name` up over HTTP (a British adult), follows the emailed link and signs in. */
    async signUp(name: string): Promise<ServedPerson> {
      const email = `${randomUUID()}@example.com`;
      const post = authOverFetch(state.base);
      await signUp(post, {
        name,
        email,
        password: TEST_PASSWORD,
        dateOfBirth: "1991-02-03",
        region: "GB",
      });
      await fetch(await verificationLink(mailer, email), { redirect: "manual" });
      const token = await signIn(post, email, TEST_PASSWORD);
      const [user] = await state.db.sql<{ id: string }[]>`
        select id from users where email = ${email}`;
      if (!user) throw new Error(`no user row for ${email}`);
      return { email, userId: user.id, token };
    },
  };
}
