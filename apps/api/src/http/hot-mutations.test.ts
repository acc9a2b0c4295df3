import { randomUUID } from "node:crypto";
import { createLedger } from "@coinstream/db";
import type { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import {
  TEST_EXTENSION_ORIGIN as EXTENSION,
  signedInAccount,
  useTestAuth,
} from "../test-support/http-accounts.ts";
import { createCreator, ensurePlatformAccounts, fundWallet } from "../test-support/people.ts";
import { createInProcessClient } from "../trpc/test-client.ts";
import { hotCall } from "./hot-mutations.ts";

const BASE = "http://coinstream.test";
const accounts = useTestAuth({ baseURL: BASE, trustedOrigins: [EXTENSION] });
let app: Hono;
let target: { url: string };

beforeAll(async () => {
  await ensurePlatformAccounts(accounts.db.sql);
  app = accounts.appWith();
  target = await createCreator(accounts.db.sql);
});

/** A signed-up person holding `coins`: their bearer token and session cookie. */
async function signedIn(coins: bigint) {
  const email = `hot-${randomUUID()}@example.com`;
  const { token, cookie, userId } = await signedInAccount(app, BASE, accounts.mailer, email);
  await fundWallet(accounts.db.sql, createLedger(accounts.db.sql), { userId } as Viewer, coins);
  return { bearer: { authorization: `Bearer ${token}` }, cookie };
}

/** What a client can see of an answer: status, headers (but the per-request id) and body. */
async function seen(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== "x-request-id");
  return { status: response.status, headers, body: await response.text() };
}

/**
 * The same call answered by `hotMutations` and by tRPC's fetch adapter: a query string is
 * enough to send a POST past the hot path, and the adapter ignores it on a single call.
 */
async function bothPaths(
  procedure: string,
  headers: Record<string, string>,
  body: string | (() => string),
  isBatch = false,
) {
  const call = (query: string) =>
    app.request(`${BASE}/trpc/${procedure}${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : body(),
    });
  const hot = await seen(await call(isBatch ? "?batch=1" : ""));
  const adapter = await seen(await call(isBatch ? "?batch=1&via=adapter" : "?via=adapter"));
  return { hot, adapter };
}

/** `input` as tRPC's `httpBatchLink` sends a batch of one (the extension's client). */
function batchOfOne(input: string): string {
  return input === "" ? "" : `{"0":${input}}`;
}

function gift(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    idempotencyKey: randomUUID(),
    to: { url: target.url },
    giftId: "rose",
    count: 1,
    ...overrides,
  });
}

describe("hotCall", () => {
  it("takes one JSON POST to a hot mutation, alone or batched, and leaves the rest to the adapter", () => {
    const paths = new Set(["gifts.send"]);
    const call = (url: string, init: RequestInit = {}) => {
      const request = new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        ...init,
      });
      const header = (name: string) => request.headers.get(name) ?? undefined;
      return hotCall({ method: request.method, path: new URL(url).pathname, url, header }, paths);
    };
    const single = { path: "gifts.send", isBatch: false };
    expect(call(`${BASE}/trpc/gifts.send`)).toEqual(single);
    expect(
      call(`${BASE}/trpc/gifts.send`, {
        headers: { "content-type": "Application/JSON; charset=utf-8" },
      }),
    ).toEqual(single);
    expect(call(`${BASE}/trpc/gifts.send?batch=1`)).toEqual({ path: "gifts.send", isBatch: true });
    expect(call(`${BASE}/trpc/gifts.send?via=adapter`)).toBeNull();
    expect(call(`${BASE}/trpc/gifts.send?batch=1&via=adapter`)).toBeNull();
    expect(call(`${BASE}/trpc/gifts.send,gifts.send?batch=1`)).toBeNull();
    expect(call(`${BASE}/trpc/tips.send`)).toBeNull();
    expect(
      call(`${BASE}/trpc/gifts.send`, { headers: { "content-type": "text/plain" } }),
    ).toBeNull();
    const streaming: Record<string, string>[] = [
      { "trpc-accept": "application/jsonl" },
      { accept: "application/json, application/jsonl" },
    ];
    for (const header of streaming) {
      const headers = { "content-type": "application/json", ...header };
      expect(call(`${BASE}/trpc/gifts.send?batch=1`, { headers })).toBeNull();
    }
    expect(call(`${BASE}/trpc/gifts.send`, { method: "GET" })).toBeNull();
  });
});

describe("hotMutations", () => {
  it("answers a gift and its replay exactly as the adapter does, and charges once", async () => {
    const person = await signedIn(100n);
    const body = gift();
    const first = await app.request(`${BASE}/trpc/gifts.send`, {
      method: "POST",
      headers: { "content-type": "application/json", ...person.bearer, origin: EXTENSION },
      body,
    });
    expect(first.status).toBe(200);
    const { hot, adapter } = await bothPaths(
      "gifts.send",
      { ...person.bearer, origin: EXTENSION },
      body,
    );
    expect(hot).toEqual(adapter);
    expect(JSON.parse(hot.body)).toMatchObject({ result: { data: { replayed: true } } });
    const batched = await bothPaths(
      "gifts.send",
      { ...person.bearer, origin: EXTENSION },
      batchOfOne(body),
      true,
    );
    expect(batched.hot).toEqual(batched.adapter);
    expect(JSON.parse(batched.hot.body)).toMatchObject([{ result: { data: { replayed: true } } }]);
    // A rose is one coin: the two replays charged nothing.
    const wallet = await createInProcessClient(app, person.bearer).wallet.get.query();
    expect(wallet.coins).toBe(99);
  });

  it.each([
    ["a refused input (count 0)", { count: 0 }, 400, "BAD_REQUEST"],
    ["a domain error (an unknown gift)", { giftId: "dragon" }, 404, "NOT_FOUND"],
    ["a domain error (too few coins)", { giftId: "lion" }, 412, "PRECONDITION_FAILED"],
    ["a body that is not JSON", "{not json", 400, "BAD_REQUEST"],
    ["an empty body", "", 400, "BAD_REQUEST"],
  ] as const)("answers %s as the adapter does", async (_label, sent, status, code) => {
    const person = await signedIn(10n);
    // A fresh key for each path: a refused spend's key replays its refusal.
    const body = () => (typeof sent === "string" ? sent : gift(sent));
    const { hot, adapter } = await bothPaths("gifts.send", person.bearer, body);
    expect(hot).toEqual(adapter);
    expect(hot.status).toBe(status);
    expect(JSON.parse(hot.body).error.data.code).toBe(code);
    const batched = await bothPaths("gifts.send", person.bearer, () => batchOfOne(body()), true);
    expect(batched.hot).toEqual(batched.adapter);
    expect(batched.hot.status).toBe(status);
    expect(JSON.parse(batched.hot.body)[0].error.data.code).toBe(code);
  });

  it("answers an anonymous call with UNAUTHORIZED as the adapter does", async () => {
    const { hot, adapter } = await bothPaths("gifts.send", { origin: EXTENSION }, gift());
    expect(hot).toEqual(adapter);
    expect(hot.status).toBe(401);
  });

  it("refuses a cookie call from a foreign origin with 403 as the adapter does, and moves nothing", async () => {
    const person = await signedIn(50n);
    const headers = { cookie: person.cookie, origin: "https://attacker.example" };
    const { hot, adapter } = await bothPaths(
      "tips.send",
      headers,
      JSON.stringify({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        coins: 5,
      }),
    );
    expect(hot).toEqual(adapter);
    expect(hot.status).toBe(403);
    const allowed = await bothPaths(
      "tips.send",
      { cookie: person.cookie, origin: EXTENSION },
      "{}",
    );
    expect(allowed.hot).toEqual(allowed.adapter);
    expect(allowed.hot.status).toBe(400);
  });
});
