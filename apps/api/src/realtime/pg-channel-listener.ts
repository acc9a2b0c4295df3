import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";
import postgres from "postgres";

export interface ChannelHandlers {
  /** A NOTIFY on the channel (heartbeats are not passed on). */
  readonly message: (payload: string) => void;
  /** Messages may have been lost (the LISTEN connection was cut and reopened). */
  readonly gap: () => void;
}

const HEARTBEAT = "heartbeat:";
/** A heartbeat unanswered for this many checks means the LISTEN is gone. */
const CHECKS_BEFORE_LOST = 3;

/**
 * One LISTEN on a Postgres channel, on a connection of its own, checked by a heartbeat NOTIFY
 * every `checkEveryMs`. A heartbeat not back within three checks (one late answer is only a busy
 * process) reopens the LISTEN as soon as the database answers, and reports a gap.
 */
export class PgChannelListener {
  private listening: Sql | null = null;
  private handlers: ChannelHandlers | null = null;
  private readonly heartbeatPrefix = `${HEARTBEAT}${randomUUID()}:`;
  private heartbeats = 0;
  private awaitedHeartbeat: string | null = null;
  private unansweredChecks = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly sql: Sql,
    private readonly channel: string,
    private readonly checkEveryMs = 1_000,
  ) {}

  async start(handlers: ChannelHandlers): Promise<void> {
    this.handlers = handlers;
    await this.listen();
    this.timer = setInterval(() => void this.check(), this.checkEveryMs);
    this.timer.unref();
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
      this.channel,
      (payload) => {
        if (payload.startsWith(HEARTBEAT)) {
          if (payload === this.awaitedHeartbeat) this.awaitedHeartbeat = null;
          return;
        }
        this.handlers?.message(payload);
      },
      () => {
        // postgres.js listens again by itself after a short break: report what it missed.
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
      await this.sql`select pg_notify(${this.channel}, ${this.awaitedHeartbeat})`;
    } catch {
      // The database is unreachable: the next check tries again.
    } finally {
      this.checking = false;
    }
  }
}
