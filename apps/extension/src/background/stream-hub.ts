import type { StreamEventMessage, StreamPortMessage } from "../messaging/contract.ts";
import { retryDelayMs } from "./backoff.ts";

/** What an upstream subscription reports back to the hub. */
export interface UpstreamHandlers {
  /** The connection is open (the server accepted the subscription). */
  readonly onConnected: () => void;
  readonly onEvent: (id: string, event: StreamEventMessage) => void;
  /** The connection dropped or the server ended it: try again later from the last event id. */
  readonly onDropped: (error: unknown) => void;
  /** The server refused for good (an unknown creator): do not try again. */
  readonly onFailed: (error: unknown) => void;
}

/** Opens one upstream subscription to a creator's events after `lastEventId`; returns its closer. */
export type SubscribeUpstream = (
  handle: string,
  lastEventId: string | null,
  handlers: UpstreamHandlers,
) => () => void;

export type StreamListener = (message: StreamPortMessage) => void;

export interface StreamHubOptions {
  readonly subscribe: SubscribeUpstream;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
  /** In [0, 1): spreads reconnects (see retryDelayMs). Tests pass () => 0. */
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * A first subscription (no last event id) starts with the creator's stored events; gifts, tips
 * and messages older than this are history, not something to animate now. Goal events are state
 * and always pass.
 */
export const REPLAY_WINDOW_MS = 60_000;

interface Followed {
  readonly handle: string;
  readonly listeners: Set<StreamListener>;
  lastEventId: string | null;
  /** Failed reconnects since the last successful connection. */
  attempt: number;
  connected: boolean;
  /** Refused for good: no reconnects until everyone unfollows and someone follows again. */
  failed: boolean;
  close: (() => void) | null;
  timer: unknown;
  /** Bumped on every (re)connect so late callbacks from a closed subscription are ignored. */
  generation: number;
  /** The latest goal event, handed to followers who join an open subscription. */
  goal: StreamEventMessage | null;
}

/**
 * One upstream subscription per creator, shared by every port following them. Reconnects after
 * a drop with exponential backoff (1 s doubling to 30 s), resuming from the last event id, and
 * tells every follower about each connection change.
 */
export class StreamHub {
  readonly #streams = new Map<string, Followed>();
  readonly #subscribe: SubscribeUpstream;
  readonly #setTimer: (run: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;
  readonly #random: () => number;
  readonly #now: () => number;

  constructor(options: StreamHubOptions) {
    this.#subscribe = options.subscribe;
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimer =
      options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  /** How many creators have an upstream subscription (or a reconnect scheduled). */
  get size(): number {
    return this.#streams.size;
  }

  /** Follows `handle` (normalised by the caller); returns the function that stops following. */
  follow(handle: string, listener: StreamListener): () => void {
    let stream = this.#streams.get(handle);
    if (!stream) {
      stream = {
        handle,
        listeners: new Set(),
        lastEventId: null,
        attempt: 0,
        connected: false,
        failed: false,
        close: null,
        timer: null,
        generation: 0,
        goal: null,
      };
      this.#streams.set(handle, stream);
      stream.listeners.add(listener);
      this.#connect(stream);
    } else {
      stream.listeners.add(listener);
      if (stream.connected) listener({ type: "status", connected: true });
      else if (stream.failed) listener({ type: "status", connected: false });
      if (stream.goal) listener({ type: "event", event: stream.goal });
    }
    const followed = stream;
    let isFollowing = true;
    return () => {
      if (!isFollowing) return;
      isFollowing = false;
      followed.listeners.delete(listener);
      if (followed.listeners.size === 0) this.#stop(followed);
    };
  }

  #connect(stream: Followed): void {
    const generation = ++stream.generation;
    const isCurrent = () =>
      this.#streams.get(stream.handle) === stream && stream.generation === generation;
    stream.timer = null;
    stream.close = this.#subscribe(stream.handle, stream.lastEventId, {
      onConnected: () => {
        if (!isCurrent() || stream.connected) return;
        stream.connected = true;
        stream.attempt = 0;
        this.#broadcast(stream, { type: "status", connected: true });
      },
      onEvent: (id, event) => {
        if (!isCurrent()) return;
        stream.lastEventId = id;
        if (event.kind === "goal") stream.goal = event;
        else if (this.#isStale(event)) return;
        this.#broadcast(stream, { type: "event", event });
      },
      onDropped: () => {
        if (!isCurrent()) return;
        this.#scheduleReconnect(stream);
      },
      onFailed: () => {
        if (!isCurrent()) return;
        this.#closeUpstream(stream);
        stream.connected = false;
        stream.failed = true;
        // No retryInMs: the hub gave up on this creator.
        this.#broadcast(stream, { type: "status", connected: false });
      },
    });
  }

  #isStale(event: StreamEventMessage): boolean {
    const at = Date.parse(event.at);
    return Number.isFinite(at) && this.#now() - at > REPLAY_WINDOW_MS;
  }

  #scheduleReconnect(stream: Followed): void {
    this.#closeUpstream(stream);
    stream.connected = false;
    const retryInMs = retryDelayMs(stream.attempt, this.#random());
    stream.attempt += 1;
    this.#broadcast(stream, { type: "status", connected: false, retryInMs });
    stream.timer = this.#setTimer(() => {
      if (this.#streams.get(stream.handle) !== stream) return;
      this.#connect(stream);
    }, retryInMs);
  }

  #closeUpstream(stream: Followed): void {
    stream.generation += 1;
    const close = stream.close;
    stream.close = null;
    close?.();
  }

  #stop(stream: Followed): void {
    if (stream.timer !== null) this.#clearTimer(stream.timer);
    stream.timer = null;
    this.#closeUpstream(stream);
    this.#streams.delete(stream.handle);
  }

  #broadcast(stream: Followed, message: StreamPortMessage): void {
    for (const listener of [...stream.listeners]) {
      try {
        listener(message);
      } catch {
        // A port that closed mid-broadcast is removed by its own disconnect handler.
      }
    }
  }
}
