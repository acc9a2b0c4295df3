import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";
import postgres from "postgres";
import { RecentIds } from "./recent-ids.ts";
import {
  STREAM_EVENTS_CHANNEL,
  type StreamEvent,
  type StreamEventRow,
  toStreamEvent,
} from "./stream-event.ts";

type Listener = (event: StreamEvent) => void;

/** The most events one catch-up after a lost LISTEN delivers. */
const CATCH_UP_LIMIT = 5_000;
const HEARTBEAT = "heartbeat:";
/** A heartbeat unanswered for this many checks means the LISTEN is gone. */
const CHECKS_BEFORE_LOST = 3;
/**
 * How far below the newest id it was told of a catch-up reads: ids are not commit-ordered, so an
 * event whose transaction committed late during the outage has an id a little below it. What was
 * delivered already is skipped (`delivered`).
 */
const LATE_COMMIT_IDS = 1_000n;
/** How many delivered ids the hub remembers; a catch-up delivers at most CATCH_UP_LIMIT. */
const RECENT_IDS = 4 * CATCH_UP_LIMIT;

/**
 * One LISTEN per API process, fanned out in memory to the subscribers of each creator's stream.
 * Events come from any process writing to the same database.
 *
 * The LISTEN has a connection of its own, checked by a heartbeat NOTIFY every `checkEveryMs`.
 * When a heartbeat is not back within three checks (the database restarted, the network cut the
 * connection; one late answer is only a busy process) the LISTEN is opened again as soon as the database answers, and what was committed meanwhile
 * is read from the table and delivered before any live event. Notifications are handled one at
 * a time in arrival order, and an event both paths bring is delivered once.
 */
export class StreamEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private listening: Sql | null = null;
  /** The newest event id this process has been told of: a catch-up reads what came after it. */
  private newestId = 0n;
  /** Delivered lately, so an event a catch-up and a live notification both bring goes out once. */
  private readonly delivered = new RecentIds(RECENT_IDS);
  private readonly heartbeatPrefix = `${HEARTBEAT}${randomUUID()}:`;
  private heartbeats = 0;
  /** The heartbeat sent and not yet heard back. */
  private awaitedHeartbeat: string | null = null;
  /** Checks since the awaited heartbeat went out. */
  private unansweredChecks = 0;
  private timer: NodeJS.Timeout | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly checkEveryMs = 1_000,
  ) {}

  async start(): Promise<void> {
    const [newest] = await this.sql<{ id: bigint }[]>`
      select coalesce(max(id), 0)::int8 as id from stream_events`;
    this.newestId = newest?.id ?? 0n;
    await this.listen();
    this.timer = setInterval(() => this.enqueue(() => this.check()), this.checkEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.listening?.end({ timeout: 1 });
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

  /** A client of its own (the pool's settings, one connection) listening to the channel. */
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
      // A heartbeat is answered at once, not behind the deliveries queued before it.
      (payload) =>
        payload.startsWith(HEARTBEAT)
          ? this.heard(payload)
          : this.enqueue(() => this.deliver(payload)),
      () => {
        // postgres.js listens again by itself after a short break: deliver what it missed.
        if (!isFirst) this.enqueue(() => this.catchUp());
        isFirst = false;
      },
    );
  }

  /** Runs `task` after every earlier one; a failure (the database went away) ends only that one. */
  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch(() => {});
  }

  /**
   * The previous heartbeat never came back: the LISTEN is gone, so a new one is opened (this
   * throws while the database is unreachable, and the next check tries again) and what was
   * missed is delivered. Then the next heartbeat goes out.
   */
  private async check(): Promise<void> {
    // Unanswered for a few checks, not one: a busy process answers late without having lost it.
    if (this.awaitedHeartbeat !== null && ++this.unansweredChecks < CHECKS_BEFORE_LOST) return;
    this.unansweredChecks = 0;
    if (this.awaitedHeartbeat !== null) {
      const lost = this.listening;
      this.listening = null;
      await lost?.end({ timeout: 0 }).catch(() => {});
      await this.listen();
      await this.catchUp();
    }
    this.awaitedHeartbeat = `${this.heartbeatPrefix}${++this.heartbeats}`;
    await this.sql`select pg_notify(${STREAM_EVENTS_CHANNEL}, ${this.awaitedHeartbeat})`;
  }

  private async catchUp(): Promise<void> {
    const [upTo] = await this.sql<{ id: bigint }[]>`
      select coalesce(max(id), 0)::int8 as id from stream_events`;
    const rows = await this.sql<(StreamEventRow & { creator_user_id: string })[]>`
      select id, kind, payload, creator_user_id from stream_events
      where id > ${this.newestId - LATE_COMMIT_IDS} and id <= ${upTo?.id ?? 0n}
        and created_at > now() - interval '1 minute'
        and creator_user_id = any(${[...this.listeners.keys()]})
      order by id limit ${CATCH_UP_LIMIT}`;
    if (upTo && upTo.id > this.newestId) this.newestId = upTo.id;
    for (const row of rows) this.announce(row.creator_user_id, toStreamEvent(row));
  }

  private async deliver(payload: string): Promise<void> {
    const separator = payload.lastIndexOf(":");
    const creatorUserId = payload.slice(0, separator);
    const id = payload.slice(separator + 1);
    if (/^\d+$/.test(id) && BigInt(id) > this.newestId) this.newestId = BigInt(id);
    if (this.delivered.has(id)) return;
    // Told of before anyone here watched: a later catch-up must not bring it to new watchers.
    if (!this.listeners.get(creatorUserId)?.size) return void this.delivered.add(id);
    const [row] = await this.sql<StreamEventRow[]>`
      select id, kind, payload from stream_events where id = ${id}`;
    if (row) this.announce(creatorUserId, toStreamEvent(row));
  }

  private heard(heartbeat: string): void {
    if (heartbeat === this.awaitedHeartbeat) this.awaitedHeartbeat = null;
  }

  private announce(creatorUserId: string, event: StreamEvent): void {
    if (!this.delivered.add(event.id)) return;
    for (const listener of this.listeners.get(creatorUserId) ?? []) listener(event);
  }
}
