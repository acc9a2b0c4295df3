import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { ApiProcess, choosePort } from "@coinstream/test-harness";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "./demo/seed-demo.ts";

// The server as it is deployed: `src/server.ts` in its own process with NODE_ENV=production.
const PRODUCTION = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://api.example.com",
  BETTER_AUTH_SECRET: "production-test-secret-".padEnd(48, "x"),
  SMTP_URL: "smtp://127.0.0.1:9",
  STRIPE_SECRET_KEY: "sk_test_production_mode",
  STRIPE_WEBHOOK_SECRET: "whsec_production_mode",
};

/** The API without the demo seed and without settings of the runner's (the harness drops those). */
async function productionServer(env: Readonly<Record<string, string | undefined>>) {
  return new ApiProcess({
    port: await choosePort(),
    seedDemo: false,
    env,
    readyTimeoutMs: 120_000,
  });
}

describe("production mode (NODE_ENV=production)", () => {
  it("refuses to start without its required settings: one line each, no stack trace", async () => {
    // A database nobody answers on: should the settings pass, the start fails rather than hangs.
    const server = await productionServer({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://nobody@127.0.0.1:9/none",
      BETTER_AUTH_SECRET: undefined,
    });
    server.launch();
    const timer = setTimeout(() => void server.kill9(), 60_000);
    const code = await server.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    const output = () => server.output();
    const [first, ...problems] = output().trim().split("\n");
    expect(first).toBe("Invalid configuration:");
    expect(problems.map((line) => line.split(":")[0]?.trim()).sort()).toEqual([
      "BETTER_AUTH_SECRET",
      "PUBLIC_URL",
      "SMTP_URL",
      "STRIPE_SECRET_KEY",
    ]);
    expect(output()).not.toMatch(/\n\s+at /);
  }, 90_000);

  describe("started with its settings", () => {
    let db: TestDatabase;
    let server: ApiProcess | undefined;
    let base = "";

    beforeAll(async () => {
      db = await createTestDatabase(inject("adminUrl"));
      server = await productionServer({ ...PRODUCTION, DATABASE_URL: db.url });
      await server.start();
      base = server.baseUrl;
    }, 150_000);

    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it("seeds no demo accounts and serves no demo or sandbox pages", async () => {
      const [{ count } = { count: -1n }] = await db.sql<{ count: bigint }[]>`
        select count(*) as count from users where email like '%@demo.coinstream.local'`;
      expect(count).toBe(0n);
      const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: PRODUCTION.PUBLIC_URL },
        body: JSON.stringify({ email: DEMO_PEOPLE.viewer.email, password: DEMO_PASSWORD }),
      });
      expect(signIn.status).toBe(401);
      expect((await fetch(`${base}/demo/stream/nova`)).status).toBe(404);
      expect((await fetch(`${base}/sandbox/checkout/cs_sandbox_x`)).status).toBe(404);
      expect(server?.output()).not.toContain(DEMO_PASSWORD);
    });
  });
});
