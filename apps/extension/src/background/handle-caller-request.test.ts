import { describe, expect, it, vi } from "vitest";
import type { ApiRequest } from "../messaging/contract.ts";
import type { Caller } from "./access.ts";
import { handleCallerApiRequest } from "./handle-caller-request.ts";
import { createLiveReportGate, LIVE_REPORT_EVERY_MS } from "./live-report-gate.ts";
import { createMemorySessionStore } from "./session-store.ts";
import { jsonResponse, type RecordedRequest, stubFetch } from "./testing.ts";
import { createApiTrpcClient } from "./trpc-client.ts";

const PAGE = "http://127.0.0.1:3100/demo/stream/nova";
const panel: Caller = { kind: "panel", tabId: 4, pageUrl: PAGE };
const content: Caller = { kind: "content", tabId: 4, pageUrl: PAGE };
const SESSION = { token: "tok.sig", user: { id: "u1", name: "Vera", email: "v@example.com" } };
const SENT = {
  transferId: "t1",
  replayed: false,
  coinsSpent: 5,
  balance: 95,
  creator: { handle: "nova", diamonds: 2 },
};

/** The API as a stub: each call answered by `answer(path, input)`, recorded with its input. */
function setup(answer: (path: string, input: Record<string, unknown>) => Response, approve = true) {
  const inputOf = (request: RecordedRequest) => {
    const url = new URL(request.url);
    const raw = request.body ?? url.searchParams.get("input") ?? "{}";
    return ((JSON.parse(raw) as Record<string, { json?: unknown }>)["0"]?.json ??
      JSON.parse(raw)["0"]) as Record<string, unknown>;
  };
  const { fetch, requests } = stubFetch((request) =>
    answer(new URL(request.url).pathname.replace("/trpc/", ""), inputOf(request)),
  );
  const sessions = createMemorySessionStore(SESSION);
  const client = createApiTrpcClient({
    apiUrl: "http://api.test",
    getToken: async () => "tok.sig",
    fetch,
  });
  const confirmInWindow = vi.fn(async () => approve);
  const calls = () =>
    requests.map((request) => ({
      path: new URL(request.url).pathname.replace("/trpc/", ""),
      input: inputOf(request),
    }));
  return { deps: { client, sessions, confirmInWindow }, calls, confirmInWindow };
}

const ok = (data: unknown) => jsonResponse([{ result: { data } }]);
const confirmationRequired = () =>
  jsonResponse(
    [
      {
        error: {
          message: "Confirm this spend of 300 coins.",
          code: -32012,
          data: {
            code: "PRECONDITION_FAILED",
            httpStatus: 412,
            domainCode: "CONFIRMATION_REQUIRED",
            details: { coins: 300 },
          },
        },
      },
    ],
    412,
  );

const gift = (extra: Record<string, unknown> = {}): ApiRequest => ({
  path: "gifts.send",
  kind: "mutation",
  input: {
    idempotencyKey: "key-12345678",
    to: { handle: "nova" },
    giftId: "heart",
    count: 1,
    message: null,
    confirm: true,
    ...extra,
  },
});

describe("handleCallerApiRequest", () => {
  it("refuses a withdrawal from the panel and from the content script without asking the API", async () => {
    const { deps, calls } = setup(() => ok({}));
    for (const caller of [panel, content]) {
      const result = await handleCallerApiRequest(
        caller,
        { path: "creator.withdraw", kind: "mutation", input: { diamonds: 1_000 } },
        deps,
      );
      expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    const wallet = await handleCallerApiRequest(
      content,
      { path: "wallet.get", kind: "query" },
      deps,
    );
    expect(wallet).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(calls()).toEqual([]);
  });

  it("sends a small gift from the panel unconfirmed, to the handle on this tab's origin", async () => {
    const { deps, calls, confirmInWindow } = setup(() => ok(SENT));
    const result = await handleCallerApiRequest(panel, gift(), deps);
    expect(result).toEqual({ ok: true, data: SENT });
    expect(calls()).toEqual([
      {
        path: "gifts.send",
        input: expect.objectContaining({
          to: { handle: "nova", origin: "http://127.0.0.1:3100" },
          confirm: false,
        }),
      },
    ]);
    expect(confirmInWindow).not.toHaveBeenCalled();
  });

  it("asks in the extension's window when the API wants the viewer's confirmation, then sends confirmed with the same key", async () => {
    const answers = [confirmationRequired(), ok(SENT)];
    const { deps, calls, confirmInWindow } = setup(() => answers.shift() as Response);
    const result = await handleCallerApiRequest(panel, gift({ count: 60 }), deps);
    expect(result).toEqual({ ok: true, data: SENT });
    expect(confirmInWindow).toHaveBeenCalledWith(
      { coins: 300, what: "60 × Heart", to: "@nova", site: "http://127.0.0.1:3100" },
      panel,
    );
    expect(calls().map(({ input }) => [input.idempotencyKey, input.confirm])).toEqual([
      ["key-12345678", false],
      ["key-12345678", true],
    ]);
  });

  it("confirms 1,000 coins or more in the window before the API hears of it, and sends nothing when cancelled", async () => {
    const { deps, calls, confirmInWindow } = setup(() => ok(SENT), false);
    const result = await handleCallerApiRequest(
      panel,
      {
        path: "tips.send",
        kind: "mutation",
        input: {
          idempotencyKey: "key-12345678",
          to: { handle: "nova" },
          coins: 1_000,
          message: null,
        },
      },
      deps,
    );
    expect(result).toMatchObject({ ok: false, error: { domainCode: "SPEND_CANCELLED" } });
    expect(confirmInWindow).toHaveBeenCalledWith(
      expect.objectContaining({ coins: 1_000, what: "a tip" }),
      panel,
    );
    expect(calls()).toEqual([]);
  });

  it("refuses a panel's gift to another page's stream", async () => {
    const { deps, calls } = setup(() => ok(SENT));
    const result = await handleCallerApiRequest(
      panel,
      gift({ to: { url: "https://www.twitch.tv/nova_live" } }),
      deps,
    );
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(calls()).toEqual([]);
  });

  it("lets the content script resolve the page's creator, with the page's origin", async () => {
    const { deps, calls } = setup(() => ok({ found: false, reason: "no" }));
    await handleCallerApiRequest(
      content,
      { path: "streams.resolve", kind: "query", input: { handle: "nova" } },
      deps,
    );
    expect(calls()).toEqual([
      { path: "streams.resolve", input: { handle: "nova", origin: "http://127.0.0.1:3100" } },
    ]);
  });

  it("passes the popup's calls through as they are", async () => {
    const { deps, calls } = setup(() => ok({ status: "pending" }));
    const result = await handleCallerApiRequest(
      { kind: "popup" },
      { path: "creator.withdraw", kind: "mutation", input: { diamonds: 1_000 } },
      deps,
    );
    expect(result.ok).toBe(true);
    expect(calls()).toEqual([{ path: "creator.withdraw", input: { diamonds: 1_000 } }]);
  });
});

describe("handleCallerApiRequest: live reports", () => {
  const report: ApiRequest = {
    path: "streams.reportLive",
    kind: "mutation",
    input: { to: { handle: "nova" } },
  };

  function live(now: { at: number }) {
    const harness = setup(() => ok({ reported: true }));
    const deps = { ...harness.deps, liveReports: createLiveReportGate(() => now.at) };
    return { ...harness, deps };
  }

  it("reports the tab's own creator, its origin attached, at most once a minute per tab", async () => {
    const now = { at: 1_000_000 };
    const { deps, calls } = live(now);
    expect(await handleCallerApiRequest(content, report, deps)).toEqual({
      ok: true,
      data: { reported: true },
    });
    expect(calls()).toEqual([
      {
        path: "streams.reportLive",
        input: { to: { handle: "nova", origin: "http://127.0.0.1:3100" } },
      },
    ]);
    now.at += LIVE_REPORT_EVERY_MS - 1;
    expect(await handleCallerApiRequest(content, report, deps)).toEqual({
      ok: true,
      data: { reported: false },
    });
    // Another tab has its own minute.
    await handleCallerApiRequest({ ...content, tabId: 5 }, report, deps);
    expect(calls()).toHaveLength(2);
    now.at += 1;
    await handleCallerApiRequest(content, report, deps);
    expect(calls()).toHaveLength(3);
  });

  it("sends nothing while signed out", async () => {
    const { deps, calls } = live({ at: 0 });
    await deps.sessions.clear();
    expect(await handleCallerApiRequest(content, report, deps)).toEqual({
      ok: true,
      data: { reported: false },
    });
    expect(calls()).toEqual([]);
  });

  it("refuses a report for another page's creator", async () => {
    const { deps, calls } = live({ at: 0 });
    const result = await handleCallerApiRequest(
      content,
      { ...report, input: { to: { url: "https://www.twitch.tv/someone" } } },
      deps,
    );
    expect(result.ok).toBe(false);
    expect(calls()).toEqual([]);
  });

  it("refuses live reports from the panel", async () => {
    const { deps, calls } = live({ at: 0 });
    const result = await handleCallerApiRequest(panel, report, deps);
    expect(result.ok ? null : result.error.code).toBe("FORBIDDEN");
    expect(calls()).toEqual([]);
  });
});
