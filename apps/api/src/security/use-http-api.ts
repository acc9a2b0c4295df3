import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../app.ts";
import { type AuthDbHandle, createAuthDb } from "../auth/auth-db.ts";
import { createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import { createPayments } from "../payments/create-payments.ts";
import { StreamEventHub } from "../realtime/stream-event-hub.ts";
import { createCreator, createFundedPerson, type createPerson } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { BASE_URL, FuzzAccounts, type FuzzIdentity } from "./fuzz-http.ts";

/**
 * The whole HTTP app as server.ts wires it (Better Auth, sandbox payments, live events) on a
 * fresh database, minus the per-address limit (one test client sends every request), with
 * accounts to sign in as and `star`: a creator who can receive, with a fan's gift on their
 * stream. The signed-in accounts have no coins and no diamonds.
 */
export function useHttpApi() {
  const env = useTestLedger() as ReturnType<typeof useTestLedger> & {
    app: Hono;
    accounts: Record<Exclude<FuzzIdentity, "anonymous">, FuzzAccounts>;
    star: Awaited<ReturnType<typeof createCreator>>;
    fan: Awaited<ReturnType<typeof createPerson>>;
  };
  let hub: StreamEventHub;
  let authDb: AuthDbHandle;

  beforeAll(async () => {
    const { sql } = env.db;
    hub = new StreamEventHub(sql);
    await hub.start();
    authDb = createAuthDb(env.db.url);
    const auth = createAuth({
      db: authDb.db,
      mailer: new CapturingMailer(),
      secret: "a-fuzz-secret-of-at-least-thirty-two-characters",
      baseURL: BASE_URL,
    });
    const payments = createPayments({
      sql,
      ledger: env.ledger,
      publicUrl: BASE_URL,
      sandboxWebhookSecret: "whsec_fuzz",
    });
    env.app = createApp({
      sql,
      ledger: env.ledger,
      auth,
      payments,
      events: hub,
      publicUrl: BASE_URL,
      requestsPerMinutePerAddress: Number.MAX_SAFE_INTEGER,
    });
    env.accounts = {
      viewer: new FuzzAccounts(env.app, sql, "viewer"),
      creator: new FuzzAccounts(env.app, sql, "creator"),
      admin: new FuzzAccounts(env.app, sql, "admin"),
    };
    env.star = await createCreator(sql);
    env.fan = await createFundedPerson(sql, env.ledger, 5_000n, { name: "Fay Fan" });
    await env.callerFor(env.fan).gifts.send({
      idempotencyKey: randomUUID(),
      to: { handle: env.star.handle },
      giftId: "rose",
      count: 1,
    });
  });

  afterAll(async () => {
    await hub.stop();
    await authDb.close();
  });

  /** Headers to call as `identity` (none for anonymous). */
  const headersOf = (identity: FuzzIdentity) =>
    identity === "anonymous" ? Promise.resolve({}) : env.accounts[identity].headers();

  return Object.assign(env, { headersOf });
}
