import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { DEV_EXTENSION_ORIGIN, loadEnv } from "./env.ts";

const app = createApp();

describe("createApp", () => {
  it("answers health checks when running", async () => {
    const response = await app.request("/health");
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("protection", () => {
  it("refuses a request body over 64 KiB to the procedures with 413, unread", async () => {
    const response = await createApp().request("/trpc/store.packs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it("answers 429 with Retry-After when one address sends more than its requests per minute", async () => {
    const limited = createApp({ requestsPerMinutePerAddress: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request("/health")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await limited.request("/health");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("sends security headers and a request id on every response", async () => {
    const response = await app.request("/health");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toMatch(/.{8,}/);
  });
});

describe("loadEnv", () => {
  it("defaults to 127.0.0.1:3000 when nothing is set", () => {
    expect(loadEnv({})).toEqual({
      HOST: "127.0.0.1",
      PORT: 3000,
      TRUSTED_ORIGINS: [DEV_EXTENSION_ORIGIN],
      MAIL_FROM: "Coinstream <no-reply@coinstream.local>",
    });
  });

  it("trusts the repository's extension only on a local run, and only what is set when set", () => {
    expect(loadEnv({ PUBLIC_URL: "https://api.example.com" }).TRUSTED_ORIGINS).toEqual([]);
    expect(loadEnv({ TRUSTED_ORIGINS: "" }).TRUSTED_ORIGINS).toEqual([]);
    expect(loadEnv({ TRUSTED_ORIGINS: "https://app.example" }).TRUSTED_ORIGINS).toEqual([
      "https://app.example",
    ]);
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
