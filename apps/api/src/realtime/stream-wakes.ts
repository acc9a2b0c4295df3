import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";
import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import postgres from "postgres";
import { notifyStreamEvents } from "./announce-stream-events.ts";
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

const HEARTBEAT = "heartbeat:";
/** A heartbeat unanswered for this many checks means the LISTEN is gone. */
const CHECKS_BEFORE_LOST = 3;

/**
 * Postgres NOTIFY, the embedded default: one LISTEN per process on a connection of its own,
 * checked by a heartbeat NOTIFY every `checkEveryMs`. A heartbeat not back within three checks
 * (one late answer is only a busy process) reopens the LISTEN as soon as the database answers.
 * The NOTIFY is sent after the events' transaction committed, never inside it: a NOTIFY takes a
 * global lock at commit, which held across the commit's WAL flush cut event inserts from about
 * 1,700 to 270 a second (docs/BENCHMARKS.md).
 */
export class NotifyWakes implements StreamWakes {
  private listening: Sql | null = null;
  private handlers: WakeHandlers | null = null;
  private readonly heartbeatPrefix = `${HEARTBEAT}${randomUUID()}:`;
  private heartbeats = 0;
  private awaitedHeartbeat: string | null = null;
  private unansweredChecks = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly sql: Sql,
    private readonly checkEveryMs = 1_000,
  ) {}

  async start(handlers: WakeHandlers): Promise<void> {
    this.handlers = handlers;
    await this.listen();
    this.timer = setInterval(() => void this.check(), this.checkEveryMs);
    this.timer.unref();
  }

  async announce(creatorUserIds: readonly string[]): Promise<void> {
    if (creatorUserIds.length > 0) await notifyStreamEvents(this.sql, creatorUserIds);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.handlers = null;
    await this.listening?.end({ timeout: 1 });
  }

  private async listen(): Promise<void> {
    // postgres.js takes its parsed options back, as its own `listen` does; the types do not say so.
    const options = { ...this.sql.options, max: 1 } as unknown as postgres.Options<
      Record<string, never>
    >;
    const listening = postgres(options) as unknown as Sql;
    this.listening = listening;
    let isFirst = true;
    await listening.listen(
      STREAM_EVENTS_CHANNEL,
      (payload) => {
        if (payload.startsWith(HEARTBEAT)) {
          if (payload === this.awaitedHeartbeat) this.awaitedHeartbeat = null;
          return;
        }
        // "<creator>" or, from older writers, "<creator>:<event id>".
        const separator = payload.lastIndexOf(":");
        this.handlers?.wake(separator === -1 ? payload : payload.slice(0, separator));
      },
      () => {
        // postgres.js listens again by itself after a short break: read what it missed.
        if (!isFirst) this.handlers?.gap();
        isFirst = false;
      },
    );
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (this.awaitedHeartbeat !== null && ++this.unansweredChecks < CHECKS_BEFORE_LOST) return;
      this.unansweredChecks = 0;
      if (this.awaitedHeartbeat !== null) {
        const lost = this.listening;
        this.listening = null;
        await lost?.end({ timeout: 0 }).catch(() => {});
        await this.listen();
        this.handlers?.gap();
      }
      this.awaitedHeartbeat = `${this.heartbeatPrefix}${++this.heartbeats}`;
      await this.sql`select pg_notify(${STREAM_EVENTS_CHANNEL}, ${this.awaitedHeartbeat})`;
    } catch {
      // The database is unreachable: the next check tries again.
    } finally {
      this.checking = false;
    }
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
