import { describe, expect, it, vi } from "vitest";
import type { UpstreamHandlers } from "./stream-hub.ts";
import { createStreamSubscriber } from "./subscribe-stream-events.ts";
import { streamEvent, stubFetch } from "./testing.ts";

const API = "http://127.0.0.1:3000";

/** A response whose body arrives in these chunks, then stays open until `end()` (or ends at once). */
function sseResponse(chunks: readonly string[], options: { keepOpen?: boolean } = {}) {
  let close: () => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (options.keepOpen) close = () => controller.close();
      else controller.close();
    },
  });
  const response = new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream" },
  });
  return { response, end: () => close() };
}

function recorder() {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const handlers: UpstreamHandlers = {
    onConnected: record("connected"),
    onEvent: record("event"),
    onReset: record("reset"),
    onDropped: (error) => calls.push(["dropped", error === null ? null : "error"]),
    onFailed: () => calls.push(["failed"]),
  };
  const settled = () =>
    vi.waitFor(() => {
      const last = calls.at(-1)?.[0];
      if (last !== "dropped" && last !== "failed") throw new Error("still open");
    });
  return { calls, handlers, settled };
}

describe("createStreamSubscriber", () => {
  it("reads frames split anywhere across chunks: connected with its cursor, then events with theirs", async () => {
    const first = JSON.stringify(streamEvent("11"));
    const second = JSON.stringify(
      streamEvent("12", { comboId: "c1", merged: [{ id: "10", message: null }] }),
    );
    const text = `retry: 2000\n\nid: c0\nevent: connected\ndata: {}\n\n: a comment\n\nid: c1\ndata: ${first}\n\nid: c2\ndata: ${second}\n\n`;
    // Three uneven cuts, one inside "\n\n" and one inside a JSON string.
    const cuts = [5, 40, text.indexOf("\n\nid: c2") + 1, text.length - 10];
    const chunks = cuts.map((cut, i) => text.slice(i === 0 ? 0 : cuts[i - 1], cut));
    chunks.push(text.slice(cuts.at(-1)));
    const { fetch, requests } = stubFetch(() => sseResponse(chunks).response);
    const { calls, handlers, settled } = recorder();
    createStreamSubscriber({ apiUrl: API, fetch })("nova", null, handlers);
    await settled();
    expect(calls).toEqual([
      ["connected", "c0"],
      ["event", "c1", streamEvent("11")],
      ["event", "c2", streamEvent("12", { comboId: "c1", merged: [{ id: "10", message: null }] })],
      ["dropped", null],
    ]);
    expect(requests[0]?.url).toBe(`${API}/streams/nova/events`);
    expect(requests[0]?.headers.get("accept")).toBe("text/event-stream");
    expect(requests[0]?.headers.has("last-event-id")).toBe(false);
  });

  it("resumes with the stored id sent back unchanged as Last-Event-ID, the handle encoded", async () => {
    const { fetch, requests } = stubFetch(() => sseResponse([]).response);
    const { handlers, settled } = recorder();
    createStreamSubscriber({ apiUrl: API, fetch })("nova x", "AbC-123_=", handlers);
    await settled();
    expect(requests[0]?.url).toBe(`${API}/streams/nova%20x/events`);
    expect(requests[0]?.headers.get("last-event-id")).toBe("AbC-123_=");
  });

  it("reports a reset with its cursor when the client was too far behind", async () => {
    const { fetch } = stubFetch(() => sseResponse(["id: r9\nevent: reset\ndata: {}\n\n"]).response);
    const { calls, handlers, settled } = recorder();
    createStreamSubscriber({ apiUrl: API, fetch })("nova", "old", handlers);
    await settled();
    expect(calls).toEqual([
      ["reset", "r9"],
      ["dropped", null],
    ]);
  });

  it("gives up on a creator the API does not know (404)", async () => {
    const { fetch } = stubFetch(() => new Response('{"error":"No creator"}', { status: 404 }));
    const { calls, handlers, settled } = recorder();
    createStreamSubscriber({ apiUrl: API, fetch })("ghost", null, handlers);
    await settled();
    expect(calls).toEqual([["failed"]]);
  });

  it("drops the resume id the API refuses (400) so the next connection starts from now", async () => {
    const { fetch } = stubFetch(() => new Response("{}", { status: 400 }));
    const { calls, handlers, settled } = recorder();
    createStreamSubscriber({ apiUrl: API, fetch })("nova", "bogus", handlers);
    await settled();
    expect(calls).toEqual([
      ["reset", null],
      ["dropped", "error"],
    ]);
  });

  it("reports a drop for a network error or a server error", async () => {
    for (const respond of [
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => new Response("", { status: 503 }),
    ]) {
      const { fetch } = stubFetch(respond as () => Response);
      const { calls, handlers, settled } = recorder();
      createStreamSubscriber({ apiUrl: API, fetch })("nova", null, handlers);
      await settled();
      expect(calls).toEqual([["dropped", "error"]]);
    }
  });

  it("reports nothing after it is closed, and aborts the request", async () => {
    const open = sseResponse(["id: c0\nevent: connected\ndata: {}\n\n"], { keepOpen: true });
    let signal: AbortSignal | undefined;
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return open.response;
    }) as unknown as typeof globalThis.fetch;
    const { calls, handlers } = recorder();
    const close = createStreamSubscriber({ apiUrl: API, fetch })("nova", null, handlers);
    await vi.waitFor(() => expect(calls).toEqual([["connected", "c0"]]));
    close();
    open.end();
    // Kept: an absence (the body's end, read after close(), reports nothing) has nothing to await.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signal?.aborted).toBe(true);
    expect(calls).toEqual([["connected", "c0"]]);
  });
});
