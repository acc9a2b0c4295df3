import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { loadEnv } from "./env.ts";

const app = createApp();

describe("createApp", () => {
  it("answers health checks when running", async () => {
    const response = await app.request("/health");
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("loadEnv", () => {
  it("defaults to 127.0.0.1:3000 when nothing is set", () => {
    expect(loadEnv({})).toEqual({
      HOST: "127.0.0.1",
      PORT: 3000,
      TRUSTED_ORIGINS: [],
      MAIL_FROM: "Coinstream <no-reply@coinstream.local>",
    });
  });

  it("splits trusted origins and refuses a short auth secret when configured", () => {
    expect(
      loadEnv({ TRUSTED_ORIGINS: " chrome-extension://abc , https://app.example " })
        .TRUSTED_ORIGINS,
    ).toEqual(["chrome-extension://abc", "https://app.example"]);
    expect(() => loadEnv({ BETTER_AUTH_SECRET: "short" })).toThrow(
      /BETTER_AUTH_SECRET must be at least 32/,
    );
  });

  it("refuses a DATABASE_URL that is not a postgres URL when given one", () => {
    expect(() => loadEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it("names the variable when a value is wrong", () => {
    expect(() => loadEnv({ PORT: "eighty" })).toThrow(/PORT/);
  });
});
