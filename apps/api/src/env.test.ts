import { readFile } from "node:fs/promises";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { loadEnv } from "./env.ts";

describe("loadEnv", () => {
  it("takes a sandbox webhook secret when it starts with whsec_", () => {
    expect(loadEnv({ SANDBOX_WEBHOOK_SECRET: "whsec_abc" }).SANDBOX_WEBHOOK_SECRET).toBe(
      "whsec_abc",
    );
    expect(loadEnv({}).SANDBOX_WEBHOOK_SECRET).toBeUndefined();
  });

  it("refuses a sandbox webhook secret of another shape, naming the variable", () => {
    expect(() => loadEnv({ SANDBOX_WEBHOOK_SECRET: "secret" })).toThrow(
      /SANDBOX_WEBHOOK_SECRET: SANDBOX_WEBHOOK_SECRET must start with whsec_/,
    );
  });

  it("takes API_WORKERS as a whole number of processes and NATS_URL as a nats:// URL", () => {
    const env = loadEnv({ API_WORKERS: "4", NATS_URL: "nats://127.0.0.1:4222" });
    expect(env.API_WORKERS).toBe(4);
    expect(env.NATS_URL).toBe("nats://127.0.0.1:4222");
    expect(loadEnv({}).API_WORKERS).toBeUndefined();
  });

  it("refuses a worker count under 1 and a NATS_URL of another scheme, naming the variables", () => {
    expect(() => loadEnv({ API_WORKERS: "0" })).toThrow(/API_WORKERS/);
    expect(() => loadEnv({ NATS_URL: "http://127.0.0.1:4222" })).toThrow(
      /NATS_URL: NATS_URL must be a nats:\/\//,
    );
  });
});

/** Everything production mode needs, valid. */
const PRODUCTION = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://api.example.com",
  BETTER_AUTH_SECRET: "s".repeat(40),
  SMTP_URL: "smtps://user:pass@smtp.example.com:465",
  STRIPE_SECRET_KEY: "sk_live_abc",
  STRIPE_WEBHOOK_SECRET: "whsec_abc",
};

describe("loadEnv in production", () => {
  it("refuses to start without each required setting, one line naming each", () => {
    for (const source of [{ NODE_ENV: "production" }, { PUBLIC_URL: "https://api.example.com" }]) {
      const message = (() => {
        try {
          loadEnv(source);
          return "";
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const lines = message.split("\n").slice(1);
      for (const variable of ["BETTER_AUTH_SECRET", "SMTP_URL", "STRIPE_SECRET_KEY"]) {
        expect(
          lines.filter((line) => line.startsWith(`  ${variable}: required in production`)),
        ).toHaveLength(1);
      }
    }
  });

  it("refuses the sandbox and the demo data in production, and takes Stripe by default", () => {
    expect(() => loadEnv({ ...PRODUCTION, PAYMENTS: "sandbox" })).toThrow(
      /PAYMENTS: sandbox is refused in production/,
    );
    expect(() => loadEnv({ ...PRODUCTION, SEED_DEMO: "1" })).toThrow(
      /SEED_DEMO: refused in production/,
    );
    expect(loadEnv(PRODUCTION)).toMatchObject({
      isProduction: true,
      payments: "stripe",
      seedDemo: false,
    });
  });

  it("keeps a local run as it was: the sandbox, demo data only when SEED_DEMO=1", () => {
    expect(loadEnv({})).toMatchObject({
      isProduction: false,
      payments: "sandbox",
      seedDemo: false,
    });
    expect(loadEnv({ SEED_DEMO: "1" }).seedDemo).toBe(true);
    expect(() => loadEnv({ PAYMENTS: "stripe" })).toThrow(
      /PAYMENTS=stripe needs STRIPE_SECRET_KEY/,
    );
  });

  it("takes a trusted client address header as a lowercase name", () => {
    expect(loadEnv({ CLIENT_ADDRESS_HEADER: "X-Real-IP" }).CLIENT_ADDRESS_HEADER).toBe("x-real-ip");
    expect(() => loadEnv({ CLIENT_ADDRESS_HEADER: "x real ip" })).toThrow(/CLIENT_ADDRESS_HEADER/);
  });
});

describe("pnpm start", () => {
  it("runs the local demo: its script reads demo.env, which sets SEED_DEMO=1", async () => {
    const root = new URL("../", import.meta.url);
    const scripts = JSON.parse(await readFile(new URL("package.json", root), "utf8")).scripts;
    expect(scripts.start).toContain("--env-file=demo.env");
    expect(scripts.dev).toContain("--env-file=demo.env");
    const demo = parseEnv(await readFile(new URL("demo.env", root), "utf8"));
    expect(loadEnv(demo)).toMatchObject({ seedDemo: true, payments: "sandbox" });
    expect(scripts.serve).not.toContain("demo.env");
  });
});
