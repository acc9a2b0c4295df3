import type { Sql } from "@coinstream/db";
import {
  STREAM_EVENTS_CHANNEL,
  type StreamEvent,
  type StreamEventRow,
  toStreamEvent,
} from "./stream-event.ts";

type Listener = (event: StreamEvent) => void;

/**
 * One LISTEN per API process, fanned out in memory to the subscribers of each creator's stream.
 * Events come from any process writing to the same database.
 */
export class StreamEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly sql: Sql) {}

  async start(): Promise<void> {
    const subscription = await this.sql.listen(STREAM_EVENTS_CHANNEL, (payload) => {
      void this.deliver(payload);
    });
    this.unlisten = subscription.unlisten;
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.listeners.clear();
  }

  /** Calls `listener` with each new event of the creator's stream until the returned function is called. */
  subscribe(creatorUserId: string, listener: Listener): () => void {
    const set = this.listeners.get(creatorUserId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(creatorUserId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(creatorUserId);
    };
  }

  private async deliver(payload: string): Promise<void> {
    const separator = payload.lastIndexOf(":");
    const creatorUserId = payload.slice(0, separator);
    const listeners = this.listeners.get(creatorUserId);
    if (!listeners || listeners.size === 0) return;
    const [row] = await this.sql<StreamEventRow[]>`
      select id, kind, payload from stream_events where id = ${payload.slice(separator + 1)}`;
    if (!row) return;
    const event = toStreamEvent(row);
    for (const listener of listeners) listener(event);
  }
}
