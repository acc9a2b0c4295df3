import type { StreamEventMessage, StreamPortMessage } from "../messaging/contract.ts";
import { retryDelayMs } from "./backoff.ts";

/** What an upstream subscription reports back to the hub. */
export interface UpstreamHandlers {
  /**
   * The connection is open (the server accepted the subscription); `cursor`, when given, is where
   * the stream stands, to resume from if no event follows.
   */
  readonly onConnected: (cursor?: string | null) => void;
  /** `id` is the server's opaque resume cursor, passed back unchanged on reconnect. */
  readonly onEvent: (id: string, event: StreamEventMessage) => void;
  /**
   * The server could not replay what was missed (too far behind: resume from `cursor`, a fresh
   * start), or refused the resume id (null: reconnect from now).
   */
  readonly onReset: (cursor: string | null) => void;
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

/** How many event ids each stream remembers to drop repeats (a replay overlapping what came). */
export const SEEN_IDS = 500;

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
  /** Row ids of the events already delivered this session (at most SEEN_IDS, oldest dropped). */
  seen: Set<string>;
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
        seen: new Set(),
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
      onConnected: (cursor) => {
        if (!isCurrent()) return;
        if (cursor) stream.lastEventId = cursor;
        this.#markConnected(stream);
      },
      onReset: (cursor) => {
        if (!isCurrent()) return;
        stream.lastEventId = cursor;
        stream.seen.clear();
        if (cursor !== null) this.#markConnected(stream);
      },
      onEvent: (id, event) => {
        if (!isCurrent()) return;
        stream.lastEventId = id;
        if (this.#isRepeat(stream, event)) return;
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

  #markConnected(stream: Followed): void {
    if (stream.connected) return;
    stream.connected = true;
    stream.attempt = 0;
    this.#broadcast(stream, { type: "status", connected: true });
  }

  /** True for an event (or a combo member) already delivered; remembers the new ones. */
  #isRepeat(stream: Followed, event: StreamEventMessage): boolean {
    const merged = (event as { merged?: unknown }).merged;
    const ids = [
      event.id,
      ...(Array.isArray(merged) ? merged.map((member) => String(member?.id)) : []),
    ];
    if (ids.every((id) => stream.seen.has(id))) return true;
    for (const id of ids) {
      stream.seen.delete(id);
      stream.seen.add(id);
    }
    for (const id of stream.seen) {
      if (stream.seen.size <= SEEN_IDS) break;
      stream.seen.delete(id);
    }
    return false;
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
