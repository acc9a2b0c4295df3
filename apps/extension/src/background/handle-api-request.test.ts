import { describe, expect, it } from "vitest";
import { handleApiRequest } from "./handle-api-request.ts";
import { createMemorySessionStore, type SessionStore } from "./session-store.ts";
import { jsonResponse, type Responder, stubFetch } from "./testing.ts";
import { createApiTrpcClient } from "./trpc-client.ts";

const API = "http://api.test";
const SESSION = { token: "tok.sig", user: { id: "u1", name: "Vera", email: "v@example.com" } };

function setup(respond: Responder, sessions: SessionStore = createMemorySessionStore(SESSION)) {
  const stub = stubFetch(respond);
  const client = createApiTrpcClient({
    apiUrl: API,
    getToken: async () => (await sessions.load())?.token ?? null,
    fetch: stub.fetch,
  });
  return { ...stub, deps: { client, sessions } };
}

describe("handleApiRequest", () => {
  it("sends a query with the session's bearer token and returns its data", async () => {
    const wallet = { coins: 5_000, reservedCoins: 0, lifetimeGiftedCoins: 0 };
    const { deps, requests } = setup(() => jsonResponse([{ result: { data: wallet } }]));
    const result = await handleApiRequest({ path: "wallet.get", kind: "query" }, deps);
    expect(result).toEqual({ ok: true, data: wallet });
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url.startsWith(`${API}/trpc/wallet.get?batch=1`)).toBe(true);
    expect(request?.headers.get("authorization")).toBe("Bearer tok.sig");
  });

  it("sends no Authorization header when nobody is signed in", async () => {
    const { deps, requests } = setup(
      () => jsonResponse([{ result: { data: { region: "US", offers: [] } } }]),
      createMemorySessionStore(),
    );
    const result = await handleApiRequest(
      { path: "store.packs", kind: "query", input: { region: "US" } },
      deps,
    );
    expect(result.ok).toBe(true);
    expect(requests[0]?.headers.has("authorization")).toBe(false);
    expect(decodeURIComponent(requests[0]?.url ?? "")).toContain('"region":"US"');
  });

  it("posts a mutation's input as JSON", async () => {
    const { deps, requests } = setup(() =>
      jsonResponse([{ result: { data: { checkoutUrl: "http://api.test/sandbox/checkout/s1" } } }]),
    );
    const input = { idempotencyKey: "key-12345678", item: { packId: "coins-500" } };
    const result = await handleApiRequest(
      { path: "store.checkout", kind: "mutation", input },
      deps,
    );
    expect(result).toEqual({
      ok: true,
      data: { checkoutUrl: "http://api.test/sandbox/checkout/s1" },
    });
    expect(requests[0]?.method).toBe("POST");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({ 0: input });
  });

  it("maps the API's error envelope to an ApiError with the rulebook's code", async () => {
    const { deps } = setup(() =>
      jsonResponse(
        [
          {
            error: {
              message: "Your daily limit of 1,000 coins leaves 200 coins until tomorrow.",
              code: -32_029,
              data: {
                code: "TOO_MANY_REQUESTS",
                httpStatus: 429,
                path: "gifts.send",
                domainCode: "LIMIT_EXCEEDED",
                details: { remainingCoins: 200 },
                fieldErrors: null,
              },
            },
          },
        ],
        429,
      ),
    );
    const result = await handleApiRequest(
      { path: "gifts.send", kind: "mutation", input: {} },
      deps,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: "TOO_MANY_REQUESTS",
        domainCode: "LIMIT_EXCEEDED",
        message: "Your daily limit of 1,000 coins leaves 200 coins until tomorrow.",
        details: { remainingCoins: 200 },
        fieldErrors: {},
      },
    });
  });

  it("forgets the session when the API answers UNAUTHORIZED", async () => {
    const sessions = createMemorySessionStore(SESSION);
    const { deps } = setup(
      () =>
        jsonResponse(
          [
            {
              error: {
                message: "Sign in to continue.",
                code: -32_001,
                data: { code: "UNAUTHORIZED", httpStatus: 401, domainCode: null },
              },
            },
          ],
          401,
        ),
      sessions,
    );
    const result = await handleApiRequest({ path: "wallet.get", kind: "query" }, deps);
    expect(result).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    expect(sessions.current()).toBeNull();
  });

  it("reports NETWORK and keeps the session when the API cannot be reached", async () => {
    const sessions = createMemorySessionStore(SESSION);
    const { deps } = setup(() => {
      throw new TypeError("Failed to fetch");
    }, sessions);
    const result = await handleApiRequest({ path: "wallet.get", kind: "query" }, deps);
    expect(result).toMatchObject({ ok: false, error: { code: "NETWORK" } });
    expect(sessions.current()).toEqual(SESSION);
  });

  it.each([
    [{ path: "wallet", kind: "query" }],
    [{ path: "../admin.freeze", kind: "mutation" }],
    [{ path: "streams.events", kind: "subscription" }],
  ])("refuses a malformed request %j without calling the API", async (request) => {
    const { deps, requests } = setup(() => jsonResponse([]));
    const result = await handleApiRequest(request as never, deps);
    expect(result).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(requests).toHaveLength(0);
  });
});
