import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { checkLedger, createLedger } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { serve } from "@hono/node-server";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createApp } from "./app.ts";
import { type AuthDbHandle, createAuthDb } from "./auth/auth-db.ts";
import { createAuth } from "./auth/create-auth.ts";
import { CapturingMailer } from "./auth/mailer.ts";
import { createPayments } from "./payments/create-payments.ts";
import type { StreamEvent } from "./realtime/stream-event.ts";
import { StreamEventHub } from "./realtime/stream-event-hub.ts";
import { SEEDED_GUIDELINES_VERSION } from "./test-support/http-accounts.ts";
import { createCreator, ensurePlatformAccounts } from "./test-support/people.ts";
import type { AppRouter } from "./trpc/root.ts";

// The whole API on a real socket: Better Auth over HTTP, procedures through @trpc/client with
// httpBatchLink, stream events over SSE with httpSubscriptionLink.
let db: TestDatabase;
let authDb: AuthDbHandle;
let hub: StreamEventHub;
let server: ReturnType<typeof serve>;
let base = "";
const mailer = new CapturingMailer();

beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  await ensurePlatformAccounts(db.sql);
  authDb = createAuthDb(db.url);
  const ledger = createLedger(db.sql);
  hub = new StreamEventHub(db.sql);
  await hub.start();
  const started = new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: (request) => app?.fetch(request) ?? new Response(null, { status: 503 }),
        hostname: "127.0.0.1",
        port: 0,
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  // The app needs its own URL (for emailed links and checkout pages), so it is built once the port is known.
  let app: ReturnType<typeof createApp> | null = null;
  base = `http://127.0.0.1:${await started}`;
  const auth = createAuth({
    db: authDb.db,
    mailer,
    secret: "an-e2e-secret-of-at-least-thirty-two-chars",
    baseURL: base,
  });
  const payments = createPayments({
    sql: db.sql,
    ledger,
    publicUrl: base,
    sandboxWebhookSecret: "whsec_e2e",
  });
  app = createApp({ sql: db.sql, ledger, auth, payments, events: hub });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await hub.stop();
  expect(await checkLedger(db.sql)).toEqual([]);
  await authDb.close();
  await db.drop();
});

function client(token?: string) {
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: `${base}/trpc`, EventSource }),
        false: httpBatchLink({ url: `${base}/trpc`, headers }),
      }),
    ],
  });
}

async function signedIn(email: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${base}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify(body),
    });
  const password = "correct horse battery staple";
  expect(
    (
      await post("/sign-up/email", {
        name: "Erin",
        email,
        password,
        dateOfBirth: "1991-02-03",
        region: "GB",
        acceptedGuidelinesVersion: SEEDED_GUIDELINES_VERSION,
      })
    ).status,
  ).toBe(200);
  const mail = await vi.waitFor(() => {
    const message = mailer.messages.findLast((m) => m.to === email);
    if (!message) throw new Error("no mail yet");
    return message;
  });
  await fetch(/https?:\/\/\S+/.exec(mail.text)?.[0] ?? "", { redirect: "manual" });
  const response = await post("/sign-in/email", { email, password });
  expect(response.status).toBe(200);
  return response.headers.get("set-auth-token") ?? "";
}

describe("the API over real HTTP", () => {
  it("signs up, buys coins on the sandbox page, gifts, and streams the gift to an SSE subscriber that resumes", async () => {
    const token = await signedIn(`erin-${randomUUID()}@example.com`);
    const erin = client(token);
    expect((await erin.store.packs.query()).offers[0]?.quote).toMatchObject({
      currency: "GBP",
      bonusCoins: 10,
    });

    const checkout = await erin.store.checkout.mutate({
      idempotencyKey: randomUUID(),
      item: { customCoins: 750 },
    });
    expect((await fetch(`${checkout.checkoutUrl}/pay`, { method: "POST" })).status).toBe(200);
    expect((await erin.wallet.get.query()).coins).toBe(825);

    const target = await createCreator(db.sql);
    // Each item is tracked with the stream's cursor after it; `connected` comes first.
    const received: StreamEvent[] = [];
    let lastId: string | null = null;
    let isStarted = false;
    const subscription = client().streams.events.subscribe(
      { to: { handle: target.handle } },
      {
        onStarted: () => {
          isStarted = true;
        },
        onData: (tracked) => {
          lastId = tracked.id;
          if ("id" in tracked.data) received.push(tracked.data);
        },
      },
    );
    await vi.waitFor(() => expect(isStarted).toBe(true), { timeout: 10_000, interval: 20 });
    await erin.gifts.send.mutate({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      giftId: "crown",
      count: 1,
    });
    await vi.waitFor(() => expect(received.map((e) => e.giftId)).toEqual(["crown"]), {
      timeout: 5_000,
    });
    subscription.unsubscribe();

    await erin.tips.send.mutate({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      coins: 7,
      message: "while you were away",
    });
    const resumed: StreamEvent[] = [];
    expect(lastId).toMatch(/^c1\./);
    const again = client().streams.events.subscribe(
      { to: { handle: target.handle }, lastEventId: lastId },
      {
        onData: (tracked) => {
          if ("id" in tracked.data) resumed.push(tracked.data);
        },
      },
    );
    await vi.waitFor(() => expect(resumed.map((e) => e.message)).toEqual(["while you were away"]), {
      timeout: 5_000,
    });
    again.unsubscribe();
    expect((await erin.wallet.get.query()).coins).toBe(825 - 299 - 7);
  });
});
