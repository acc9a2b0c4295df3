import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StreamPortMessage, StreamPortRequest } from "../../messaging/contract.ts";
import { createStreamFollower, type StreamPort } from "./stream-follower.ts";

class FakeEvent<A extends unknown[]> {
  readonly listeners = new Set<(...args: A) => void>();
  addListener(listener: (...args: A) => void) {
    this.listeners.add(listener);
  }
  removeListener(listener: (...args: A) => void) {
    this.listeners.delete(listener);
  }
  fire(...args: A) {
    for (const listener of [...this.listeners]) listener(...args);
  }
}

class FakePort implements StreamPort {
  readonly posted: StreamPortRequest[] = [];
  readonly onMessage = new FakeEvent<[StreamPortMessage]>();
  readonly onDisconnect = new FakeEvent<[]>();
  disconnected = false;
  postMessage(message: StreamPortRequest) {
    this.posted.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
}

describe("createStreamFollower", () => {
  let ports: FakePort[];
  let messages: StreamPortMessage[];
  let failConnect: boolean;
  const release = vi.fn();
  const follower = () =>
    createStreamFollower({
      connect: () => {
        if (failConnect) throw new Error("Extension context invalidated.");
        const port = new FakePort();
        ports.push(port);
        return port;
      },
      release,
      onMessage: (message) => messages.push(message),
      setTimeout: (handler, ms) => setTimeout(handler, ms),
      clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
      minDelayMs: 500,
      maxDelayMs: 4_000,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    ports = [];
    messages = [];
    failConnect = false;
    release.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it("opens the port only when following, and follows the creator", () => {
    const stream = follower();
    expect(ports).toHaveLength(0);
    stream.follow("nova");
    expect(ports[0]?.posted).toEqual([{ type: "follow", handle: "nova" }]);
  });

  it("switches creators on the same port and unfollows on null", () => {
    const stream = follower();
    stream.follow("nova");
    stream.follow("nova");
    stream.follow("pixel");
    stream.follow(null);
    expect(ports).toHaveLength(1);
    expect(ports[0]?.posted).toEqual([
      { type: "follow", handle: "nova" },
      { type: "follow", handle: "pixel" },
      { type: "unfollow" },
    ]);
  });

  it("passes the background's events and status on", () => {
    const stream = follower();
    stream.follow("nova");
    ports[0]?.onMessage.fire({ type: "status", connected: true });
    expect(messages).toEqual([{ type: "status", connected: true }]);
  });

  it("reconnects with growing delays after the background goes away, following again", () => {
    const stream = follower();
    stream.follow("nova");
    ports[0]?.onDisconnect.fire();
    expect(release).toHaveBeenCalledTimes(1);
    expect(messages).toEqual([{ type: "status", connected: false, retryInMs: 500 }]);
    vi.advanceTimersByTime(500);
    expect(ports[1]?.posted).toEqual([{ type: "follow", handle: "nova" }]);

    ports[1]?.onDisconnect.fire();
    vi.advanceTimersByTime(999);
    expect(ports).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(ports).toHaveLength(3);
    stream.close();
  });

  it("keeps trying while the port cannot be opened, up to the longest delay", () => {
    failConnect = true;
    const stream = follower();
    stream.follow("nova");
    vi.advanceTimersByTime(500 + 1_000 + 2_000 + 4_000 + 4_000);
    expect(ports).toHaveLength(0);
    failConnect = false;
    vi.advanceTimersByTime(4_000);
    expect(ports).toHaveLength(1);
    stream.close();
  });

  it("does not reconnect once closed", () => {
    const stream = follower();
    stream.follow("nova");
    const port = ports[0];
    stream.close();
    expect(port?.disconnected).toBe(true);
    port?.onDisconnect.fire();
    vi.advanceTimersByTime(60_000);
    expect(ports).toHaveLength(1);
  });
});
