import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "./demo/seed-demo.ts";

// The server as it is deployed: `src/server.ts` in its own process with NODE_ENV=production.
const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const PRODUCTION = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://api.example.com",
  BETTER_AUTH_SECRET: "production-test-secret-".padEnd(48, "x"),
  SMTP_URL: "smtp://127.0.0.1:9",
  STRIPE_SECRET_KEY: "sk_test_production_mode",
  STRIPE_WEBHOOK_SECRET: "whsec_production_mode",
};

/** The environment of the test runner without its own mode or settings the API would read. */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(NODE_ENV|VITEST.*|DATABASE_URL|SEED_DEMO|PAYMENTS|SMTP_URL|STRIPE_.*|PUBLIC_URL)$/.test(
          key,
        ),
    ),
  );
}

function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: { ...baseEnv(), HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  return { child, output: () => output };
}

describe("production mode (NODE_ENV=production)", () => {
  it("refuses to start without its required settings: one line each, no stack trace", async () => {
    // A database nobody answers on: should the settings pass, the start fails rather than hangs.
    const { child, output } = startServer({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://nobody@127.0.0.1:9/none",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const code = await new Promise((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
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
    let server: ReturnType<typeof startServer>;
    let base = "";

    beforeAll(async () => {
      db = await createTestDatabase(inject("adminUrl"));
      server = startServer({ ...PRODUCTION, DATABASE_URL: db.url });
      const deadline = Date.now() + 120_000;
      while (!base) {
        const match = /listening on (http:\/\/\S+)/.exec(server.output());
        if (match?.[1]) base = match[1];
        else if (server.child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`the API did not start:\n${server.output()}`);
        } else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }, 150_000);

    afterAll(async () => {
      if (server?.child.exitCode === null) {
        const exited = new Promise((resolve) => server.child.once("exit", resolve));
        server.child.kill("SIGTERM");
        await exited;
      }
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
      expect(server.output()).not.toContain(DEMO_PASSWORD);
    });
  });
});
