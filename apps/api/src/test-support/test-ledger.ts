import { checkLedger, connect, createLedger, type Ledger, type Sql } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import type { Hono } from "hono";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { createApp } from "../app.ts";
import { createPayments } from "../payments/create-payments.ts";
import { ensurePlatformAccounts } from "./people.ts";

/**
 * A fresh migrated database with the platform accounts and a ledger for one test file; after
 * the file, the ledger's invariants must hold and the database is dropped.
 */
export function useTestLedger() {
  const env = {} as { db: TestDatabase; ledger: Ledger; ledgerSql: Sql };
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
      publicUrl: "http://coinstream.test",
      sandboxWebhookSecret: webhookSecret,
    });
    env.app = createApp({ sql: env.db.sql, ledger: env.ledger, payments: env.payments });
  });
  return env;
}
