import { describe, expect, it } from "vitest";
import type { StreamPortMessage } from "../messaging/contract.ts";
import { createStreamPortHandler, type FollowerPort } from "./follow-streams.ts";
import { StreamHub, type UpstreamHandlers } from "./stream-hub.ts";

function fakePort() {
  const messages: StreamPortMessage[] = [];
  const disconnects: (() => void)[] = [];
  const port: FollowerPort = {
    postMessage: (message) => messages.push(message),
    onDisconnect: { addListener: (callback) => disconnects.push(callback) },
  };
  return {
    port,
    messages,
    disconnect: () => {
      for (const run of disconnects) run();
    },
  };
}

function setup() {
  const upstreams: { handle: string; handlers: UpstreamHandlers; closed: boolean }[] = [];
  const hub = new StreamHub({
    subscribe: (handle, _lastEventId, handlers) => {
      const upstream = { handle, handlers, closed: false };
      upstreams.push(upstream);
      return () => {
        upstream.closed = true;
      };
    },
    setTimer: () => null,
    clearTimer: () => {},
  });
  return { hub, upstreams, handle: createStreamPortHandler(hub) };
}

describe("createStreamPortHandler", () => {
  it("follows the normalised handle a page asks for", () => {
    const { upstreams, handle } = setup();
    const page = fakePort();
    handle(page.port, { type: "follow", handle: " @Nova " });
    upstreams[0]?.handlers.onConnected();
    expect(upstreams.map((u) => u.handle)).toEqual(["nova"]);
    expect(page.messages).toEqual([{ type: "status", connected: true }]);
  });

  it("replaces the followed creator when the page follows another (single-page navigation)", () => {
    const { upstreams, handle } = setup();
    const page = fakePort();
    handle(page.port, { type: "follow", handle: "nova" });
    handle(page.port, { type: "follow", handle: "pixel" });
    expect(upstreams.map((u) => [u.handle, u.closed])).toEqual([
      ["nova", true],
      ["pixel", false],
    ]);
  });

  it("stops following on unfollow and when the port disconnects", () => {
    const { hub, upstreams, handle } = setup();
    const a = fakePort();
    const b = fakePort();
    handle(a.port, { type: "follow", handle: "nova" });
    handle(b.port, { type: "follow", handle: "nova" });
    handle(a.port, { type: "unfollow" });
    expect(upstreams[0]?.closed).toBe(false);
    b.disconnect();
    expect(upstreams[0]?.closed).toBe(true);
    expect(hub.size).toBe(0);
  });

  it("answers a handle that cannot exist with a disconnected status", () => {
    const { upstreams, handle } = setup();
    const page = fakePort();
    handle(page.port, { type: "follow", handle: "not a handle!" });
    expect(upstreams).toHaveLength(0);
    expect(page.messages).toEqual([{ type: "status", connected: false }]);
  });
});
