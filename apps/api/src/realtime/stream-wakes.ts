import type { Sql } from "@coinstream/db";
import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { notifyStreamEvents } from "./announce-stream-events.ts";
import { PgChannelListener } from "./pg-channel-listener.ts";
import { STREAM_EVENTS_CHANNEL } from "./stream-event.ts";

export interface WakeHandlers {
  /** Events of this creator's stream (null: of any stream) were committed. */
  readonly wake: (creatorUserId: string | null) => void;
  /** Wakes may have been lost (the connection was cut): read everything new. */
  readonly gap: () => void;
}

/**
 * How processes tell each other that stream events were committed. A wake carries no event: the
 * hub reads what is new from `stream_events` by transaction id, so a lost or repeated wake costs
 * latency, never an event.
 */
export interface StreamWakes {
  start(handlers: WakeHandlers): Promise<void>;
  /** Wakes every process watching these streams; called after the events' transaction committed. */
  announce(creatorUserIds: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Postgres NOTIFY, the embedded default: one LISTEN per process on a connection of its own,
 * checked by a heartbeat (see `PgChannelListener`).
 * The NOTIFY is sent after the events' transaction committed, never inside it: a NOTIFY takes a
 * global lock at commit, which held across the commit's WAL flush cut event inserts from about
 * 1,700 to 270 a second (docs/BENCHMARKS.md).
 */
export class NotifyWakes implements StreamWakes {
  private readonly listener: PgChannelListener;

  constructor(
    private readonly sql: Sql,
    checkEveryMs = 1_000,
  ) {
    this.listener = new PgChannelListener(sql, STREAM_EVENTS_CHANNEL, checkEveryMs);
  }

  async start(handlers: WakeHandlers): Promise<void> {
    await this.listener.start({
      // "<creator>" or, from older writers, "<creator>:<event id>".
      message: (payload) => {
        const separator = payload.lastIndexOf(":");
        handlers.wake(separator === -1 ? payload : payload.slice(0, separator));
      },
      gap: handlers.gap,
    });
  }

  async announce(creatorUserIds: readonly string[]): Promise<void> {
    if (creatorUserIds.length > 0) await notifyStreamEvents(this.sql, creatorUserIds);
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}

const NATS_SUBJECT = "coinstream.stream-events";

/**
 * Core NATS (`NATS_URL`): wakes cross processes and machines without a database connection
 * each. NATS delivers at most once; what a lost message would have announced is read at the
 * hub's next periodic read, and a reconnection reads at once.
 */
export class NatsWakes implements StreamWakes {
  private connection: NatsConnection | null = null;
  private subscription: Subscription | null = null;

  constructor(private readonly servers: string) {}

  async start(handlers: WakeHandlers): Promise<void> {
    const connection = await connect({
      servers: this.servers,
      name: "coinstream-api",
      maxReconnectAttempts: -1,
    });
    this.connection = connection;
    const subscription = connection.subscribe(NATS_SUBJECT, {
      callback: (error, message) => {
        if (!error) handlers.wake(message.string() || null);
      },
    });
    this.subscription = subscription;
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === "reconnect") handlers.gap();
      }
    })().catch(() => {});
  }

  async announce(creatorUserIds: readonly string[]): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    for (const id of new Set(creatorUserIds)) connection.publish(NATS_SUBJECT, id);
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.connection?.drain().catch(() => {});
    this.connection = null;
  }
}
