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
