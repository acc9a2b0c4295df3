import { describe, expect, it } from "vitest";
import type { StreamEventMessage, StreamPortMessage } from "../messaging/contract.ts";
import { StreamHub, type UpstreamHandlers } from "./stream-hub.ts";
import { streamEvent } from "./testing.ts";

interface Upstream {
  readonly handle: string;
  readonly lastEventId: string | null;
  readonly handlers: UpstreamHandlers;
  closed: boolean;
}

const event = (
  id: string,
  at = "2026-11-22T10:00:00.000Z",
  kind: StreamEventMessage["kind"] = "gift",
) => streamEvent(id, { at, kind });

/** A hub with a fake upstream and a manual clock. */
function setup() {
  const upstreams: Upstream[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const hub = new StreamHub({
    subscribe: (handle, lastEventId, handlers) => {
      const upstream: Upstream = { handle, lastEventId, handlers, closed: false };
      upstreams.push(upstream);
      return () => {
        upstream.closed = true;
      };
    },
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    random: () => 0,
    now: () => Date.parse("2026-11-22T10:00:10.000Z"),
  });
  const fireTimers = () => {
    for (const timer of timers.splice(0)) if (!timer.cleared) timer.run();
  };
  const listener = () => {
    const messages: StreamPortMessage[] = [];
    return { messages, listen: (message: StreamPortMessage) => messages.push(message) };
  };
  const last = () => upstreams[upstreams.length - 1] as Upstream;
  return { hub, upstreams, timers, fireTimers, listener, last };
}

describe("StreamHub", () => {
  it("opens one upstream per handle and shares its events with every follower", () => {
    const { hub, upstreams, listener, last } = setup();
    const a = listener();
    const b = listener();
    hub.follow("nova", a.listen);
    last().handlers.onConnected();
    hub.follow("nova", b.listen);
    last().handlers.onEvent("7", event("7"));
    expect(upstreams).toHaveLength(1);
    expect(a.messages).toEqual([
      { type: "status", connected: true },
      { type: "event", event: event("7") },
    ]);
    // The late follower learns the connection is up, then gets the same events.
    expect(b.messages).toEqual(a.messages);
  });

  it("keeps separate upstreams for different creators", () => {
    const { hub, upstreams, listener } = setup();
    hub.follow("nova", listener().listen);
    hub.follow("pixel", listener().listen);
    expect(upstreams.map((u) => u.handle)).toEqual(["nova", "pixel"]);
    expect(hub.size).toBe(2);
  });

  it("reconnects after a drop with backoff 1 s, 2 s, 4 s ... from the last event id", () => {
    const { hub, upstreams, timers, fireTimers, listener, last } = setup();
    const a = listener();
    hub.follow("nova", a.listen);
    last().handlers.onConnected();
    last().handlers.onEvent("41", event("41"));
    last().handlers.onDropped(new Error("socket closed"));
    expect(upstreams[0]?.closed).toBe(true);
    expect(a.messages.at(-1)).toEqual({ type: "status", connected: false, retryInMs: 1_000 });
    expect(timers.map((t) => t.ms)).toEqual([1_000]);

    fireTimers();
    expect(last().lastEventId).toBe("41");
    last().handlers.onDropped(new Error("refused"));
    fireTimers();
    last().handlers.onDropped(new Error("refused"));
    const retries = a.messages.map((m) => (m.type === "status" ? m.retryInMs : "event"));
    expect(retries).toEqual([undefined, "event", 1_000, 2_000, 4_000]);
  });

  it("starts the backoff over once a reconnect succeeds", () => {
    const { hub, fireTimers, listener, last } = setup();
    const a = listener();
    hub.follow("nova", a.listen);
    last().handlers.onDropped(null);
    fireTimers();
    last().handlers.onDropped(null);
    fireTimers();
    last().handlers.onConnected();
    last().handlers.onDropped(null);
    expect(a.messages.at(-1)).toEqual({ type: "status", connected: false, retryInMs: 1_000 });
  });

  it("caps the wait at 30 s however often the connection fails", () => {
    const { hub, timers, fireTimers, listener, last } = setup();
    hub.follow("nova", listener().listen);
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      last().handlers.onDropped(null);
      waits.push(timers.at(-1)?.ms ?? 0);
      fireTimers();
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("ignores callbacks from a subscription it already closed", () => {
    const { hub, upstreams, listener, last } = setup();
    const a = listener();
    hub.follow("nova", a.listen);
    const first = last();
    first.handlers.onDropped(null);
    first.handlers.onEvent("9", event("9"));
    first.handlers.onDropped(null);
    expect(a.messages).toEqual([{ type: "status", connected: false, retryInMs: 1_000 }]);
    expect(upstreams).toHaveLength(1);
  });

  it("closes the upstream and cancels a pending reconnect when the last follower leaves", () => {
    const { hub, upstreams, timers, fireTimers, listener, last } = setup();
    const stopA = hub.follow("nova", listener().listen);
    const stopB = hub.follow("nova", listener().listen);
    stopA();
    expect(upstreams[0]?.closed).toBe(false);
    last().handlers.onDropped(null);
    stopB();
    stopB();
    expect(timers[0]?.cleared).toBe(true);
    fireTimers();
    expect(upstreams).toHaveLength(1);
    expect(hub.size).toBe(0);
  });

  it("gives up without retrying when the server refuses the creator for good", () => {
    const { hub, upstreams, timers, listener, last } = setup();
    const a = listener();
    hub.follow("ghost", a.listen);
    last().handlers.onFailed(new Error("NOT_FOUND"));
    expect(a.messages).toEqual([{ type: "status", connected: false }]);
    expect(upstreams[0]?.closed).toBe(true);
    expect(timers).toHaveLength(0);
    const b = listener();
    hub.follow("ghost", b.listen);
    expect(b.messages).toEqual([{ type: "status", connected: false }]);
  });

  it("skips gifts older than a minute (stored history) but keeps advancing the last event id", () => {
    const { hub, fireTimers, listener, last } = setup();
    const a = listener();
    hub.follow("nova", a.listen);
    last().handlers.onEvent("1", event("1", "2026-11-22T09:00:00.000Z"));
    last().handlers.onEvent("2", event("2", "2026-11-22T10:00:05.000Z"));
    last().handlers.onDropped(null);
    fireTimers();
    expect(a.messages.filter((m) => m.type === "event")).toEqual([
      { type: "event", event: event("2", "2026-11-22T10:00:05.000Z") },
    ]);
    expect(last().lastEventId).toBe("2");
  });

  it("hands the latest goal, however old, to followers who join later", () => {
    const { hub, listener, last } = setup();
    hub.follow("nova", listener().listen);
    last().handlers.onConnected();
    const goal = event("3", "2026-11-22T08:00:00.000Z", "goal");
    last().handlers.onEvent("3", goal);
    const late = listener();
    hub.follow("nova", late.listen);
    expect(late.messages).toEqual([
      { type: "status", connected: true },
      { type: "event", event: goal },
    ]);
  });

  it("resumes from the cursor the connected frame carries when no event came after it", () => {
    const { hub, fireTimers, listener, last } = setup();
    hub.follow("nova", listener().listen);
    last().handlers.onConnected("cursor-5");
    last().handlers.onDropped(null);
    fireTimers();
    expect(last().lastEventId).toBe("cursor-5");
  });

  it("takes a reset as a fresh start from its cursor, and a refused id as a start from now", () => {
    const { hub, fireTimers, listener, last } = setup();
    const a = listener();
    hub.follow("nova", a.listen);
    last().handlers.onEvent("c1", event("1", "2026-11-22T10:00:05.000Z"));
    last().handlers.onDropped(null);
    fireTimers();
    last().handlers.onReset("c9");
    expect(a.messages.at(-1)).toEqual({ type: "status", connected: true });
    // After a fresh start the same row id is news again (the old session's ids are forgotten).
    last().handlers.onEvent("c10", event("1", "2026-11-22T10:00:05.000Z"));
    expect(a.messages.filter((m) => m.type === "event")).toHaveLength(2);
    last().handlers.onDropped(null);
    fireTimers();
    expect(last().lastEventId).toBe("c10");
    last().handlers.onReset(null);
    last().handlers.onDropped(null);
    fireTimers();
    expect(last().lastEventId).toBeNull();
  });

  it("delivers an event once though a resumed replay repeats it, and a combo's merged gifts count as seen", () => {
    const { hub, fireTimers, listener, last } = setup();
    const a = listener();
    hub.follow("nova", a.listen);
    const at = "2026-11-22T10:00:05.000Z";
    last().handlers.onEvent("c1", event("1", at));
    last().handlers.onEvent("c3", {
      ...event("3", at),
      merged: [{ id: "2", message: null }],
    } as never);
    last().handlers.onDropped(null);
    fireTimers();
    expect(last().lastEventId).toBe("c3");
    last().handlers.onEvent("c1", event("1", at));
    last().handlers.onEvent("c3", {
      ...event("3", at),
      merged: [{ id: "2", message: null }],
    } as never);
    last().handlers.onEvent("c4", event("4", at));
    const ids = a.messages.flatMap((m) => (m.type === "event" ? [m.event.id] : []));
    expect(ids).toEqual(["1", "3", "4"]);
  });
});
