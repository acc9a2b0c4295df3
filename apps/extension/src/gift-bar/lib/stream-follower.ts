import type { StreamPortMessage, StreamPortRequest } from "../../messaging/contract.ts";

interface PortEvent<A extends unknown[]> {
  addListener(listener: (...args: A) => void): void;
  removeListener(listener: (...args: A) => void): void;
}

/** The slice of chrome.runtime.Port the follower uses (a fake one in tests). */
export interface StreamPort {
  postMessage(message: StreamPortRequest): void;
  disconnect(): void;
  readonly onMessage: PortEvent<[StreamPortMessage]>;
  readonly onDisconnect: PortEvent<[]>;
}

export interface StreamFollowerOptions {
  /** Opens the background's `stream` port (may throw when the extension was reloaded). */
  readonly connect: () => StreamPort;
  /** Forgets a dead port, so the next connect opens a new one (@plasmohq/messaging caches it). */
  readonly release?: () => void;
  readonly onMessage: (message: StreamPortMessage) => void;
  readonly setTimeout: (handler: () => void, ms: number) => unknown;
  readonly clearTimeout: (id: unknown) => void;
  /** Reconnect delays: doubling from `minDelayMs` up to `maxDelayMs`. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface StreamFollower {
  /** Follows a creator's public stream events (null: follow nobody). */
  follow(handle: string | null): void;
  close(): void;
}

/**
 * Keeps one port to the background open while a creator is followed. The background may be
 * stopped by the browser at any time (MV3 service workers are), which drops the port: the
 * follower reports `connected: false`, reconnects with backoff and follows the same creator
 * again. The background resumes the API's event stream itself; the animation queue drops
 * repeats by event id.
 */
export function createStreamFollower(options: StreamFollowerOptions): StreamFollower {
  const minDelayMs = options.minDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 15_000;
  let port: StreamPort | null = null;
  let handle: string | null = null;
  let delayMs = minDelayMs;
  let retryTimer: unknown = null;
  let closed = false;

  const onMessage = (message: StreamPortMessage) => {
    if (message.type === "event") delayMs = minDelayMs;
    options.onMessage(message);
  };
  const onDisconnect = () => {
    detach();
    options.release?.();
    if (closed || handle === null) return;
    options.onMessage({ type: "status", connected: false, retryInMs: delayMs });
    scheduleReconnect();
  };

  function detach() {
    if (port === null) return;
    port.onMessage.removeListener(onMessage);
    port.onDisconnect.removeListener(onDisconnect);
    port = null;
  }

  function scheduleReconnect() {
    if (retryTimer !== null) return;
    const wait = delayMs;
    delayMs = Math.min(maxDelayMs, delayMs * 2);
    retryTimer = options.setTimeout(() => {
      retryTimer = null;
      if (!closed && handle !== null) open();
    }, wait);
  }

  function open(): boolean {
    if (port !== null) return true;
    try {
      const opened = options.connect();
      opened.onMessage.addListener(onMessage);
      opened.onDisconnect.addListener(onDisconnect);
      port = opened;
    } catch {
      options.release?.();
      scheduleReconnect();
      return false;
    }
    if (handle !== null) post({ type: "follow", handle });
    return true;
  }

  function post(message: StreamPortRequest) {
    try {
      port?.postMessage(message);
    } catch {
      // A port that died between checks: onDisconnect (or the next open) takes it from here.
      onDisconnect();
    }
  }

  return {
    follow(next) {
      if (closed || next === handle) return;
      handle = next;
      if (next === null) {
        post({ type: "unfollow" });
        return;
      }
      delayMs = minDelayMs;
      if (port === null) open();
      else post({ type: "follow", handle: next });
    },
    close() {
      closed = true;
      if (retryTimer !== null) options.clearTimeout(retryTimer);
      retryTimer = null;
      const current = port;
      detach();
      current?.disconnect();
      options.release?.();
    },
  };
}
