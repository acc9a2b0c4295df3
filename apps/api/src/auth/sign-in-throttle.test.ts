import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postAuth,
  signUpVerified,
  TEST_PASSWORD,
  useTestAuth,
} from "../test-support/http-accounts.ts";
import { listenOnLoopback } from "../test-support/loopback-server.ts";

// Sign-in throttling as an attacker meets it: over a real socket, with a forged
// X-Forwarded-For on every request, and per account behind a trusted proxy header.
const BASE = "http://coinstream.test";
const accounts = useTestAuth({
  baseURL: BASE,
  // Configured low so the test needs few password checks (the default is 30 a minute).
  rateLimit: { attemptsPerMinutePerAddress: 10 },
});
const { mailer } = accounts;
let direct: Hono;
let behindProxy: Hono;
let server: Awaited<ReturnType<typeof listenOnLoopback>>;
let socketBase = "";

beforeAll(async () => {
  direct = accounts.appWith();
  behindProxy = accounts.appWith({ clientAddressHeader: "x-real-ip" });
  server = await listenOnLoopback((request) => direct.fetch(request));
  socketBase = server.base;
});

afterAll(async () => {
  await server?.close();
});

describe("sign-in throttling", () => {
  it("answers 429 past the per-address limit from one socket however X-Forwarded-For rotates", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const response = await fetch(`${socketBase}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: BASE,
          "x-forwarded-for": `203.0.113.${i + 1}`,
        },
        // A different unknown account each time: the per-account backoff stays out of it.
        body: JSON.stringify({
          email: `nobody-${i}-${randomUUID()}@example.com`,
          password: "x".repeat(12),
        }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(4).fill(429)]);
  });

  it("backs one account off per address after 5 wrong passwords, the right one included; other addresses unaffected", async () => {
    const email = `tess-${randomUUID()}@example.com`;
    await signUpVerified(behindProxy, BASE, mailer, email);
    const signIn = (password: string, address: string) =>
      postAuth(behindProxy, BASE, "/sign-in/email", { email, password }, { "x-real-ip": address });
    for (let i = 0; i < 5; i++)
      expect((await signIn("wrong password!", "198.51.100.7")).status).toBe(401);
    const refused = await signIn(TEST_PASSWORD, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { code: string }).code).toBe("TOO_MANY_FAILED_SIGN_INS");
    // The owner, elsewhere, signs in; the guesser's address waits its second, then may try again.
    expect((await signIn(TEST_PASSWORD, "192.0.2.44")).status).toBe(200);
    // The behaviour under test: the backoff lasts its second (retry-after), then lifts.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await signIn(TEST_PASSWORD, "198.51.100.7")).status).toBe(200);
    expect((await signIn("wrong password!", "198.51.100.7")).status).toBe(401);
  });
});
