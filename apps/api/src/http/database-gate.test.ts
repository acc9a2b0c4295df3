import { connect } from "@coinstream/db";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { testDependencies } from "../test-support/test-context.ts";
import { DatabaseGate, isDatabaseUnavailable } from "./database-gate.ts";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a connection postgres.js saw close", withCode("CONNECTION_CLOSED")],
    ["a connect timeout", withCode("CONNECT_TIMEOUT")],
    ["an administrator or immediate shutdown (57P01)", withCode("57P01")],
    ["a server still starting up (57P03)", withCode("57P03")],
    ["a broken connection (08006)", withCode("08006")],
    ["too many connections (53300)", withCode("53300")],
    [
      "a wrapped cause, as Better Auth and Drizzle wrap",
      new Error("x", { cause: new Error("y", { cause: withCode("ECONNRESET") }) }),
    ],
    ["one of several refused addresses", new AggregateError([withCode("ECONNREFUSED")])],
  ])("is true for %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a serialization failure", withCode("40001")],
    ["a plain error", new Error("bug")],
    ["nothing", undefined],
    ["a string", "ECONNREFUSED"],
  ])("is false for %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("DatabaseGate", () => {
  it("refuses requests with 503 from the first unreachable error until the probe is answered", async () => {
    let isDatabaseUp = false;
    const gate = new DatabaseGate(async () => {
      if (!isDatabaseUp) throw withCode("ECONNREFUSED");
    }, 10);
    let handled = 0;
    const app = new Hono().use(gate.middleware()).get("/", async (c) => {
      handled++;
      if (!isDatabaseUp) throw withCode("ECONNREFUSED");
      return c.text("ok");
    });
    app.onError((_error, c) => c.text("failed", 500)); // quiet: the default logs the error

    const first = await app.request("/");
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ error: "SERVICE_UNAVAILABLE" });
    expect((await app.request("/")).status).toBe(503);
    expect(handled).toBe(1); // the second was refused without reaching the handler

    isDatabaseUp = true;
    await vi.waitFor(() => expect(gate.isOpen).toBe(true), { timeout: 2_000, interval: 10 });
    expect(await (await app.request("/")).text()).toBe("ok");
  });

  it("stays open when a request fails for another reason", async () => {
    const gate = new DatabaseGate(async () => {});
    expect(gate.report(withCode("23505"))).toBe(false);
    expect(gate.report(new Error("bug"))).toBe(false);
    expect(gate.isOpen).toBe(true);
  });
});

describe("the API without its database", () => {
  it("answers 503 SERVICE_UNAVAILABLE and /health 503 down at once, never a 500 or a hang", async () => {
    const sql = connect("postgres://postgres@127.0.0.1:1/nowhere", 2);
    try {
      const app = createApp(testDependencies(sql));
      for (let attempt = 0; attempt < 3; attempt++) {
        const started = performance.now();
        const response = await app.request("/trpc/gifts.catalog");
        expect(response.status).toBe(503);
        const body = (await response.json()) as { error: { data: { code: string } } };
        expect(body.error.data.code).toBe("SERVICE_UNAVAILABLE");
        const health = await app.request("/health");
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({ ok: false, database: "down" });
        expect(performance.now() - started).toBeLessThan(5_000);
      }
    } finally {
      await sql.end({ timeout: 0 });
    }
  });
});
