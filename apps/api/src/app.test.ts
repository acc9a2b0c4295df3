import { connect } from "node:net";
import { serve } from "@hono/node-server";
import { describe, expect, it } from "vitest";
import { DEV_EXTENSION_ORIGIN, loadEnv } from "./env.ts";
import { useTestLedger } from "./test-support/test-ledger.ts";

const env = useTestLedger();

describe("createApp", () => {
  it("answers health checks with the database's state when running", async () => {
    const response = await env.appWith().request("/health");
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });
});

describe("protection", () => {
  it("refuses a request body over 64 KiB to the procedures with 413, unread", async () => {
    const response = await env.appWith().request("/trpc/store.packs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it("closes the connection after refusing an oversized body, and the next request is answered", async () => {
    const server = serve({ fetch: env.appWith().fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    try {
      const body = "x".repeat(300 * 1024);
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk.toString("latin1");
      });
      const closed = new Promise((resolve) => socket.once("close", resolve));
      socket.on("error", () => {}); // the server may close while the body is still being sent
      socket.write(
        `POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`,
      );
      socket.write(body);
      socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
      await closed;
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received.toLowerCase()).toContain("connection: close");
      // A client reusing its kept-alive connections (fetch) gets every answer.
      const statuses: (number | string)[] = [];
      for (let round = 0; round < 5; round++) {
        for (const init of [{ method: "POST", body }, { method: "GET" }]) {
          statuses.push(
            await fetch(
              `http://127.0.0.1:${port}${init.body ? "/webhooks/stripe" : "/health"}`,
              init,
            )
              .then((response) => response.status)
              .catch((error: Error) => `${error.cause ?? error.message}`),
          );
        }
      }
      expect(statuses).toEqual([413, 200, 413, 200, 413, 200, 413, 200, 413, 200]);
    } finally {
      server.close();
    }
  });

  it("answers a failed procedure call without a stack trace, whatever NODE_ENV is", async () => {
    const response = await env.appWith().request("/trpc/store.packs?input=%7B%22region%22%3A1%7D");
    expect(response.status).toBeGreaterThanOrEqual(400);
    const text = await response.text();
    expect(text).not.toMatch(/stack|\.ts:\d+|node_modules/);
  });

  it("answers 429 with Retry-After when one address sends more than its requests per minute", async () => {
    const limited = env.appWith({ requestsPerMinutePerAddress: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request("/health")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await limited.request("/health");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("sends security headers and a request id on every response", async () => {
    const response = await env.appWith().request("/health");
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
      isProduction: false,
      seedDemo: false,
      payments: "sandbox",
    });
  });

  it("trusts the repository's extension only on a local run, and only what is set when set", () => {
    // A PUBLIC_URL means production, which needs its settings (see env.test.ts).
    const deployed = {
      PUBLIC_URL: "https://api.example.com",
      BETTER_AUTH_SECRET: "s".repeat(40),
      SMTP_URL: "smtp://smtp.example.com",
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
    };
    expect(loadEnv(deployed).TRUSTED_ORIGINS).toEqual([]);
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
