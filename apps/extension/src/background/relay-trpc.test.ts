/*
 * The page's tRPC client and the background's relay end to end, over a stand-in for a
 * chrome.runtime Port: the background decides what each context may call, the page's calls
 * come back as data or as a typed TRPCClientError.
 */
import { isTRPCClientError, TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import { describeError } from "../lib/describe-error.ts";
import type { TrpcPortRequest } from "../messaging/contract.ts";
import { createPortClient } from "../messaging/port-client.ts";
import { portLink } from "../messaging/port-link.ts";
import type { PortLike } from "../messaging/port-session.ts";
import { createApiClient } from "../messaging/trpc-client.ts";
import type { Caller } from "./access.ts";
import { relayTrpcRequest } from "./relay-trpc.ts";
import { createMemorySessionStore } from "./session-store.ts";
import { jsonResponse, stubFetch } from "./testing.ts";
import { createApiTrpcClient } from "./trpc-client.ts";

const PAGE = "http://127.0.0.1:3100/demo/stream/nova";
const SESSION = { token: "tok.sig", user: { id: "u1", name: "Vera", email: "v@example.com" } };
const WALLET = { coins: 5_000, reservedCoins: 0, lifetimeGiftedCoins: 0, level: null };

/** A Port pair: what the page posts reaches the relay for `caller`; answers come back async. */
function connectAs(caller: Caller, respond: (path: string) => Response) {
  const { fetch, requests } = stubFetch((request) =>
    respond(new URL(request.url).pathname.replace("/trpc/", "")),
  );
  const sessions = createMemorySessionStore(SESSION);
  const deps = {
    client: createApiTrpcClient({
      apiUrl: "http://api.test",
      getToken: async () => "tok.sig",
      fetch,
    }),
    sessions,
    confirmInWindow: vi.fn(async () => true),
  };
  const listeners: ((message: unknown) => void)[] = [];
  const disconnects: (() => void)[] = [];
  const posted: unknown[] = [];
  let connections = 0;
  const connect = (): PortLike => {
    connections++;
    return {
      postMessage: (message) => {
        posted.push(message);
        const { body } = message as { body: TrpcPortRequest };
        void relayTrpcRequest(caller, body, deps).then((response) => {
          for (const listener of listeners) listener(response);
        });
      },
      disconnect: () => {},
      onMessage: { addListener: (listener) => listeners.push(listener) },
      onDisconnect: { addListener: (listener) => disconnects.push(listener) },
    };
  };
  const api = createApiClient(portLink(connect));
  return {
    api,
    /** The gift bar's light client over the same kind of port. */
    light: () => createPortClient(connect),
    requests,
    posted,
    sessions,
    connections: () => connections,
    dropPort: () => {
      for (const listener of disconnects) listener();
    },
  };
}

const ok = (data: unknown) => jsonResponse([{ result: { data } }]);

describe("portLink and relayTrpcRequest", () => {
  it("answers a procedure the context may call with the API's data", async () => {
    const page = connectAs({ kind: "popup" }, () => ok(WALLET));
    await expect(page.api.wallet.get.query()).resolves.toEqual(WALLET);
    expect(page.requests.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer tok.sig",
    ]);
    // One port for every call, opened on the first.
    await page.api.wallet.get.query();
    expect(page.connections()).toBe(1);
  });

  it("refuses, without asking the API, a procedure the panel may not call", async () => {
    const page = connectAs({ kind: "panel", tabId: 4, pageUrl: PAGE }, () => ok({}));
    const failure = await page.api.creator.withdraw
      .mutate({ diamonds: 1_000, idempotencyKey: "key-00000001" } as never)
      .catch((error: unknown) => error);
    expect(isTRPCClientError(failure)).toBe(true);
    expect((failure as TRPCClientError<never>).data).toMatchObject({
      code: "FORBIDDEN",
      httpStatus: 403,
      path: "creator.withdraw",
    });
    expect(page.requests).toEqual([]);
  });

  it("refuses the content script everything but public stream facts", async () => {
    const page = connectAs({ kind: "content", tabId: 4, pageUrl: PAGE }, () => ok(WALLET));
    await expect(page.api.wallet.get.query()).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    expect(page.requests).toEqual([]);
  });

  it("refuses an unknown sender (a web page's frame) everything", async () => {
    const page = connectAs({ kind: "unknown" }, () => ok(WALLET));
    await expect(page.api.streams.resolve.query({ handle: "nova" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });

  it("hands the API's error to the page typed: tRPC code, the rulebook's code and details", async () => {
    const page = connectAs({ kind: "popup" }, () =>
      jsonResponse(
        [
          {
            error: {
              message: "You have 5 coins; this costs 300.",
              code: -32600,
              data: {
                code: "BAD_REQUEST",
                httpStatus: 400,
                domainCode: "INSUFFICIENT_COINS",
                details: { coins: 5 },
                fieldErrors: null,
              },
            },
          },
        ],
        400,
      ),
    );
    const failure = await page.api.wallet.get.query().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<never>).message).toBe("You have 5 coins; this costs 300.");
    expect((failure as TRPCClientError<never>).data).toMatchObject({
      code: "BAD_REQUEST",
      domainCode: "INSUFFICIENT_COINS",
      details: { coins: 5 },
    });
  });

  it("forgets the session when the API answers UNAUTHORIZED, and says so typed", async () => {
    const page = connectAs({ kind: "dashboard" }, () =>
      jsonResponse(
        [
          {
            error: {
              message: "Sign in.",
              code: -32001,
              data: { code: "UNAUTHORIZED", httpStatus: 401 },
            },
          },
        ],
        401,
      ),
    );
    await expect(page.api.wallet.get.query()).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
    expect(await page.sessions.load()).toBeNull();
  });

  it("fails the calls in flight when the background drops the port, and reconnects for the next", async () => {
    // The background's client batches the two calls into one request: one answer each.
    const page = connectAs({ kind: "popup" }, (path) =>
      jsonResponse(path.split(",").map(() => ({ result: { data: WALLET } }))),
    );
    // The relay answers after a microtask; drop the port before it does.
    const inFlight = page.api.wallet.get.query();
    page.dropPort();
    await expect(inFlight).rejects.toMatchObject({ data: { code: "NETWORK" } });
    await expect(page.api.wallet.get.query()).resolves.toEqual(WALLET);
    expect(page.connections()).toBe(2);
  });

  it("never puts the token in what the page posts", async () => {
    const page = connectAs({ kind: "popup" }, () => ok(WALLET));
    await page.api.wallet.get.query();
    expect(JSON.stringify(page.posted)).not.toContain("tok.sig");
    expect(page.posted).toEqual([
      { body: { id: 1, type: "query", path: "wallet.get", input: undefined } },
    ]);
  });

  it("gives the gift bar's light client the same answers and the same typed refusals", async () => {
    const page = connectAs({ kind: "panel", tabId: 4, pageUrl: PAGE }, () => ok(WALLET));
    const light = page.light();
    await expect(light.wallet.get.query()).resolves.toEqual(WALLET);
    const failure = await light.limits.get.query().catch((error: unknown) => error);
    expect(describeError(failure, "panel")).toMatchObject({ code: "FORBIDDEN" });
    expect(failure).toMatchObject({ name: "TRPCClientError", data: { code: "FORBIDDEN" } });
  });
});
