import { createLedger, type Sql } from "@coinstream/db";
import type { AppDependencies } from "../app.ts";
import { createPayments } from "../payments/create-payments.ts";
import { StreamEventHub } from "../realtime/stream-event-hub.ts";
import type { Viewer } from "../services/service-context.ts";
import { type Context, type ContextDependencies, createContext } from "../trpc/context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";

export const TEST_PUBLIC_URL = "http://coinstream.test";
export const TEST_WEBHOOK_SECRET = "whsec_coinstream_test";

type RequiredDependencies = Pick<AppDependencies, "sql" | "ledger" | "payments" | "events">;

/**
 * Every dependency the app requires, on `sql`: unless `parts` brings its own, a ledger on the
 * same connections, the sandbox payments (signing with TEST_WEBHOOK_SECRET) and a stream-event
 * hub that starts only if the test starts it.
 */
export function testDependencies<Parts extends Partial<AppDependencies>>(
  sql: Sql,
  parts: Parts = {} as Parts,
): RequiredDependencies & Parts {
  const ledger = parts.ledger ?? createLedger(sql);
  return {
    ledger,
    payments: createPayments({
      sql,
      ledger,
      publicUrl: parts.publicUrl ?? TEST_PUBLIC_URL,
      sandboxWebhookSecret: TEST_WEBHOOK_SECRET,
    }),
    events: new StreamEventHub(sql),
    ...parts,
    sql,
  };
}

/** A full context on `sql` (see `testDependencies`) for `viewer`, anonymous when null. */
export function createTestContext(
  parts: { readonly sql: Sql } & Partial<ContextDependencies>,
  viewer: Viewer | null = null,
): Context {
  const { payments, ...rest } = parts;
  return createContext(
    { ...testDependencies(parts.sql, rest), ...(payments && { payments }) },
    viewer,
  );
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller on a full test context (see `createTestContext`). */
export function createTestCaller(
  parts: { readonly sql: Sql } & Partial<ContextDependencies>,
  viewer: Viewer | null = null,
) {
  return createCaller(createTestContext(parts, viewer));
}
