import { checkLedger, connect, createLedger, type Ledger, type Sql } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import type { Hono } from "hono";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { type AppDependencies, createApp } from "../app.ts";
import { createPayments } from "../payments/create-payments.ts";
import type { Viewer } from "../services/service-context.ts";
import type { ContextDependencies } from "../trpc/context.ts";
import { ensurePlatformAccounts } from "./people.ts";
import { createTestCaller, TEST_PUBLIC_URL, testDependencies } from "./test-context.ts";

/**
 * A fresh migrated database with the platform accounts and a ledger for one test file; after
 * the file, the ledger's invariants must hold and the database is dropped.
 */
export function useTestLedger() {
  const env = {
    /** A tRPC caller as `who` (anonymous when null) on a full context over this database. */
    callerFor: (who: Viewer | null, parts: Partial<ContextDependencies> = {}) =>
      createTestCaller({ sql: env.db.sql, ledger: env.ledger, ...parts }, who),
    /** The HTTP app on this database with every required part (see `testDependencies`). */
    appWith: (parts: Partial<AppDependencies> = {}) =>
      createApp(testDependencies(env.db.sql, { ledger: env.ledger, ...parts })),
  } as {
    db: TestDatabase;
    ledger: Ledger;
    ledgerSql: Sql;
    callerFor: (
      who: Viewer | null,
      parts?: Partial<ContextDependencies>,
    ) => ReturnType<typeof createTestCaller>;
    appWith: (parts?: Partial<AppDependencies>) => Hono;
  };
  beforeAll(async () => {
    env.db = await createTestDatabase(inject("adminUrl"));
    // As in the server: the ledger has connections of its own.
    env.ledgerSql = connect(env.db.url, 6);
    env.ledger = createLedger(env.ledgerSql);
    await ensurePlatformAccounts(env.db.sql);
  });
  afterAll(async () => {
    expect(await checkLedger(env.db.sql)).toEqual([]);
    await env.ledgerSql.end();
    await env.db.drop();
  });
  return env;
}

/** `useTestLedger` plus the app with the sandbox payment provider signing with `webhookSecret`. */
export function useSandboxApi(webhookSecret: string) {
  const env = useTestLedger() as ReturnType<typeof useTestLedger> & {
    payments: ReturnType<typeof createPayments>;
    app: Hono;
  };
  beforeAll(() => {
    env.payments = createPayments({
      sql: env.db.sql,
      ledger: env.ledger,
      publicUrl: TEST_PUBLIC_URL,
      sandboxWebhookSecret: webhookSecret,
    });
    env.app = env.appWith({ payments: env.payments });
  });
  return env;
}
