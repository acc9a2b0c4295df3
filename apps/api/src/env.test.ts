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
});
