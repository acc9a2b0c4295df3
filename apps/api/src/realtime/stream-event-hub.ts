import type { Sql } from "@coinstream/db";
import type { Queryable } from "../services/sessions/session-progress.ts";
import { readVisibleAboveXmin } from "./read-stream-cursor.ts";
import {
  boundCursorIds,
  encodeStreamCursor,
  MAX_CURSOR_IDS,
  type ResumePoint,
} from "./stream-cursor.ts";
import { type StreamEvent, type StreamEventRow, toStreamEvent } from "./stream-event.ts";
import { NotifyWakes, type StreamWakes } from "./stream-wakes.ts";

type Listener = (event: StreamEvent) => void;

/** Where the shared bytes of a stream go: one SSE response (see `SseSubscriber`). */
export interface FrameSink {
  /** Takes a frame (complete SSE events); false once the sink is closed. */
  write(frame: Buffer): boolean;
  close(): void;
}

export interface StreamEventHubOptions {
  /** How long events gather before a read (the tick): frames are batched per tick. */
  readonly tickMs?: number;
  /** How often a hub with subscribers reads even without a wake (a lost wake's worst delay). */
  readonly pollMs?: number;
  /** The cross-process wakes; default NOTIFY on the pool's database. */
  readonly wakes?: StreamWakes;
  /** Heartbeat of the default NOTIFY wakes. */
  readonly checkEveryMs?: number;
}

/** The most events a resuming subscriber is replayed; further behind, it gets `reset`. */
export const CATCH_UP_LIMIT = 1_000;
const KEEP_ALIVE = Buffer.from(": keep-alive\n\n");
const KEEP_ALIVE_MS = 15_000;

interface Snapshot {
  readonly xmin: bigint;
  readonly xmax: bigint;
  readonly xip: readonly bigint[];
}

interface EventRow extends StreamEventRow {
  tx: string;
  creator_user_id: string;
}

interface Join {
  readonly sink: FrameSink;
  readonly from: ResumePoint | null;
}

interface JoinRead {
  /** The stream's events visible with `tx >= xmin`, ascending (the newest MAX_CURSOR_IDS). */
  readonly recent: { id: bigint; tx: bigint }[];
  /** The joins this read served (others asked while it ran: they join at the next). */
  readonly pending: readonly Join[];
  readonly missed: ReadonlyMap<Join, EventRow[] | null>;
}

interface StreamState {
  readonly listeners: Set<Listener>;
  /** Listeners waiting for the next read to join, each with its `joined` callback. */
  pendingListeners: Map<Listener, () => void>;
  readonly sinks: Set<FrameSink>;
  pending: Join[];
  /** Delivered events with `tx >= ` the hub's xmin, ascending ids; null until first read. */
  delivered: { id: bigint; tx: bigint }[] | null;
}

function parseSnapshot(text: string): Snapshot {
  const [xmin = "0", xmax = "0", xip = ""] = text.split(":");
  return {
    xmin: BigInt(xmin),
    xmax: BigInt(xmax),
    xip: xip ? xip.split(",").map((xid) => BigInt(xid)) : [],
  };
}

/**
 * One per API process: reads new stream events from the table by transaction id and fans them
 * out, encoding each event once and writing the same bytes to every SSE subscriber of its stream.
 *
 * A read happens one tick after a wake (NOTIFY or NATS, sent after the events committed), after
 * a subscriber asks to join, and every `pollMs` while anyone watches. Each read takes a snapshot
 * and returns exactly the events committed since the previous one (`tx >= ` its xmax, or one of
 * its in-progress transactions), so lost or repeated wakes never lose or repeat an event, and a
 * transaction that commits late is delivered when it commits. Subscribers join at a read, in its
 * snapshot: a resuming one is first sent what its cursor lacks, so what it has is exactly what
 * the stream's cursor covers from then on.
 */
export class StreamEventHub {
  private readonly streams = new Map<string, StreamState>();
  private readonly wakes: StreamWakes;
  private readonly tickMs: number;
  private readonly pollMs: number;
  private snapshot: Snapshot | null = null;
  private readTimer: NodeJS.Timeout | null = null;
  private reading = false;
  private readAgain = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    options: StreamEventHubOptions | number = {},
  ) {
    const settings = typeof options === "number" ? { checkEveryMs: options } : options;
    this.tickMs = settings.tickMs ?? 25;
    this.pollMs = settings.pollMs ?? 1_000;
    this.wakes = settings.wakes ?? new NotifyWakes(sql, settings.checkEveryMs);
  }

  async start(): Promise<void> {
    const [row] = await this.sql<{ snapshot: string }[]>`
      select pg_current_snapshot()::text as snapshot`;
    this.snapshot = parseSnapshot(row?.snapshot ?? "0:0:");
    await this.wakes.start({
      wake: (creatorUserId) => {
        if (creatorUserId === null || this.streams.has(creatorUserId)) this.scheduleRead();
      },
      gap: () => this.scheduleRead(),
    });
    this.pollTimer = setInterval(() => this.scheduleRead(), this.pollMs);
    this.pollTimer.unref();
    this.keepAliveTimer = setInterval(() => this.keepAlive(), KEEP_ALIVE_MS);
    this.keepAliveTimer.unref();
  }

  /** Stops reading and ends every SSE subscriber (each has the id to resume from). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.pollTimer, this.keepAliveTimer]) if (timer) clearInterval(timer);
    if (this.readTimer) clearTimeout(this.readTimer);
    await this.wakes.stop();
    for (const state of this.streams.values()) {
      for (const sink of state.sinks) sink.close();
      for (const join of state.pending) join.sink.close();
    }
    this.streams.clear();
  }

  /** Wakes this process's hub at once for events it wrote itself (other processes get `announce`). */
  nudge(creatorUserId: string): void {
    if (this.streams.has(creatorUserId)) this.scheduleRead();
  }

  /**
   * Calls `listener` with each event of the creator's stream committed after the next read's
   * snapshot (`joined` is called then: anything read from the table afterwards sees every event
   * committed before it), until the returned function is called.
   */
  subscribe(creatorUserId: string, listener: Listener, joined: () => void = () => {}): () => void {
    const state = this.stateOf(creatorUserId);
    state.pendingListeners.set(listener, joined);
    this.scheduleRead();
    return () => {
      state.listeners.delete(listener);
      state.pendingListeners.delete(listener);
      this.forgetIfIdle(creatorUserId, state);
    };
  }

  /**
   * Streams the creator's events to `sink` as SSE frames from the next read on: first what
   * `from` lacks (a `reset` event instead when that is over CATCH_UP_LIMIT events), or a
   * `connected` event carrying the stream's cursor for a first connection. Returns the function
   * that detaches it.
   */
  attach(creatorUserId: string, sink: FrameSink, from: ResumePoint | null): () => void {
    const state = this.stateOf(creatorUserId);
    state.pending.push({ sink, from });
    this.scheduleRead();
    return () => {
      state.sinks.delete(sink);
      state.pending = state.pending.filter((join) => join.sink !== sink);
      this.forgetIfIdle(creatorUserId, state);
    };
  }

  /**
   * How many subscribers (SSE responses, typed subscriptions, listeners) have joined the
   * creator's stream and get its events from now on; those still waiting for their first read
   * are not counted. For gauges and for tests that publish once someone listens.
   */
  subscriberCount(creatorUserId: string): number {
    const state = this.streams.get(creatorUserId);
    return state ? state.sinks.size + state.listeners.size : 0;
  }

  private stateOf(creatorUserId: string): StreamState {
    let state = this.streams.get(creatorUserId);
    if (!state) {
      state = {
        listeners: new Set(),
        pendingListeners: new Map(),
        sinks: new Set(),
        pending: [],
        delivered: null,
      };
      this.streams.set(creatorUserId, state);
    }
    return state;
  }

  private forgetIfIdle(creatorUserId: string, state: StreamState): void {
    const isIdle =
      state.listeners.size === 0 &&
      state.pendingListeners.size === 0 &&
      state.sinks.size === 0 &&
      state.pending.length === 0;
    if (isIdle) {
      if (this.streams.get(creatorUserId) === state) this.streams.delete(creatorUserId);
    }
  }

  private keepAlive(): void {
    for (const state of this.streams.values())
      for (const sink of state.sinks) sink.write(KEEP_ALIVE);
  }

  private scheduleRead(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    if (this.readTimer) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      void this.read();
    }, this.tickMs);
  }

  private async read(): Promise<void> {
    const previous = this.snapshot;
    if (!previous) return;
    if (this.streams.size === 0) {
      // Nobody watches: keep the snapshot recent, so a first subscriber's read is small.
      const [row] = await this.sql<{ snapshot: string }[]>`
        select pg_current_snapshot()::text as snapshot`.catch(() => []);
      if (row && this.streams.size === 0) this.snapshot = parseSnapshot(row.snapshot);
      return;
    }
    this.reading = true;
    this.readAgain = false;
    try {
      const creators = [...this.streams.keys()];
      const joining = [...this.streams.entries()].filter(
        ([, state]) => state.pending.length > 0 || state.delivered === null,
      );
      const listenersJoining = [...this.streams.values()].map(
        (state) => [state, [...state.pendingListeners]] as const,
      );
      const result = await this.sql.begin(
        "isolation level repeatable read read only",
        async (tx) => {
          const [row] = await tx<{ snapshot: string }[]>`
          select pg_current_snapshot()::text as snapshot`;
          const snapshot = parseSnapshot(row?.snapshot ?? "0:0:");
          // Committed since the previous read: started after it, or running during it.
          const rows = await tx<EventRow[]>`
          select id, tx::text as tx, creator_user_id, kind, payload from stream_events
          where (tx >= ${previous.xmax.toString()}::xid8
                 or tx = any(${previous.xip.map(String)}::xid8[]))
            and creator_user_id = any(${creators})
          order by id`;
          const joins = new Map<string, JoinRead>();
          for (const [creatorUserId, state] of joining) {
            // What the stream's cursor covers beyond xmin: the events visible with `tx >= xmin`.
            const recent = await readVisibleAboveXmin(tx, creatorUserId, snapshot.xmin);
            const pending = [...state.pending];
            // Subscribers that connected together share a resume point: one query for each point,
            // pipelined on the transaction's connection.
            const points = new Map<string, ResumePoint>();
            for (const join of pending) if (join.from) points.set(resumeKey(join.from), join.from);
            const byPoint = new Map(
              await Promise.all(
                [...points].map(
                  async ([key, from]) => [key, await readMissed(tx, creatorUserId, from)] as const,
                ),
              ),
            );
            const missed = new Map<Join, EventRow[] | null>();
            for (const join of pending) {
              if (join.from) missed.set(join, byPoint.get(resumeKey(join.from)) ?? null);
            }
            joins.set(creatorUserId, { recent, pending, missed });
          }
          return { snapshot, rows, joins };
        },
      );
      this.snapshot = result.snapshot;
      this.deliver(result.snapshot, previous, result.rows, result.joins);
      for (const [state, listeners] of listenersJoining) {
        for (const [listener, joined] of listeners) {
          if (!state.pendingListeners.delete(listener)) continue;
          state.listeners.add(listener);
          joined();
        }
      }
    } catch {
      // The database is unreachable: the next wake or poll reads from the same snapshot.
    } finally {
      this.reading = false;
      if (this.readAgain) this.scheduleRead();
    }
  }

  private deliver(
    snapshot: Snapshot,
    previous: Snapshot,
    rows: readonly EventRow[],
    joins: ReadonlyMap<string, JoinRead>,
  ): void {
    const byStream = new Map<string, EventRow[]>();
    for (const row of rows) {
      const list = byStream.get(row.creator_user_id) ?? [];
      list.push(row);
      byStream.set(row.creator_user_id, list);
    }
    for (const [creatorUserId, state] of this.streams) {
      const fresh = byStream.get(creatorUserId) ?? [];
      if (fresh.length > 0) {
        if (state.delivered !== null && state.sinks.size > 0) {
          // Each event's id is the cursor just after it: the previous cursor plus the batch so far.
          const frame = encodeFrame(
            fresh,
            previous.xmin,
            state.delivered.map((event) => event.id),
          );
          for (const sink of state.sinks) if (!sink.write(frame)) state.sinks.delete(sink);
        }
        if (state.listeners.size > 0) {
          const events = fresh.map(toStreamEvent);
          for (const listener of state.listeners) for (const event of events) listener(event);
        }
        state.delivered?.push(...fresh.map((row) => ({ id: BigInt(row.id), tx: BigInt(row.tx) })));
      }
      const joined = joins.get(creatorUserId);
      state.delivered = joined
        ? joined.recent
        : (state.delivered?.filter((event) => event.tx >= snapshot.xmin).slice(-MAX_CURSOR_IDS) ??
          null);
      if (!joined || state.delivered === null) continue;
      const cursor = encodeStreamCursor({
        xmin: snapshot.xmin,
        delivered: state.delivered.map((event) => event.id),
      });
      for (const join of joined.pending) {
        if (join.sink.write(joinFrame(join.from, joined.missed.get(join) ?? [], cursor))) {
          state.sinks.add(join.sink);
        }
      }
      state.pending = state.pending.filter((join) => !joined.pending.includes(join));
    }
  }
}

function resumeKey(from: ResumePoint): string {
  return from.kind === "cursor" ? encodeStreamCursor(from.cursor) : String(from.id);
}

/** The stream's events a resuming subscriber lacks, in id order; null when over the limit. */
async function readMissed(
  tx: Queryable,
  creatorUserId: string,
  from: ResumePoint,
): Promise<EventRow[] | null> {
  const rows =
    from.kind === "cursor"
      ? await tx<EventRow[]>`
          select id, tx::text as tx, creator_user_id, kind, payload from stream_events
          where creator_user_id = ${creatorUserId} and tx >= ${from.cursor.xmin.toString()}::xid8
            and id <> all(${from.cursor.delivered.map(String)}::int8[])
          order by id limit ${CATCH_UP_LIMIT + 1}`
      : await tx<EventRow[]>`
          select id, tx::text as tx, creator_user_id, kind, payload from stream_events
          where creator_user_id = ${creatorUserId} and id > ${from.id.toString()}::int8
          order by id limit ${CATCH_UP_LIMIT + 1}`;
  return rows.length > CATCH_UP_LIMIT ? null : rows;
}

/**
 * What a joining subscriber is sent: what it missed (each event's id the cursor just after it;
 * after an old numeric id, the event's own id), or `reset` when it missed more than
 * CATCH_UP_LIMIT events, then `connected` with the stream's cursor.
 */
function joinFrame(from: ResumePoint | null, missed: EventRow[] | null, cursor: string): Buffer {
  const connected = `id: ${cursor}\nevent: connected\ndata: {}\n\n`;
  if (missed === null) return Buffer.from(`id: ${cursor}\nevent: reset\ndata: {}\n\n`);
  if (missed.length === 0 || !from) return Buffer.from(connected);
  const replay =
    from.kind === "cursor"
      ? encodeFrame(missed, from.cursor.xmin, from.cursor.delivered)
      : Buffer.from(encodeEvents(missed, (ids) => String(ids.at(-1))));
  return Buffer.concat([replay, Buffer.from(connected)]);
}

/** A batch as one frame: each event's id is the cursor just after it, `xmin` and `before` plus the batch so far. */
function encodeFrame(batch: readonly EventRow[], xmin: bigint, before: readonly bigint[]): Buffer {
  const ids = [...before];
  return Buffer.from(
    encodeEvents(batch, (added) => {
      ids.push(...added);
      ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return encodeStreamCursor({ xmin, delivered: boundCursorIds(ids) });
    }),
  );
}

/**
 * The events as SSE text, each JSON-encoded once. The gifts of one combo in a batch go out as one
 * event, at the place of the first and showing the last (its streak count) with the first's
 * entrance effect, naming the others in `merged`; `cursorAfter` is told every id an event stands for.
 */
function encodeEvents(
  batch: readonly EventRow[],
  cursorAfter: (ids: readonly bigint[]) => string,
): string {
  const combos = new Map<string, EventRow[]>();
  for (const row of batch) {
    const comboId =
      row.kind === "gift" ? (row.payload as { comboId?: string | null }).comboId : null;
    if (comboId) combos.set(comboId, [...(combos.get(comboId) ?? []), row]);
  }
  let text = "";
  for (const row of batch) {
    const comboId =
      row.kind === "gift" ? (row.payload as { comboId?: string | null }).comboId : null;
    const combo = comboId ? (combos.get(comboId) ?? [row]) : [row];
    if (combo[0] !== row) continue;
    const last = combo.at(-1) ?? row;
    const event = toStreamEvent(last);
    // An entrance plays on the session's first gift, which a merged combo shows as its last.
    const entrance = combo.find((member) => typeof member.payload.entrance === "string")?.payload
      .entrance;
    const body =
      combo.length > 1
        ? {
            ...event,
            ...(entrance ? { entrance } : {}),
            merged: combo
              .slice(0, -1)
              .map((member) => ({ id: member.id.toString(), message: member.payload.message })),
          }
        : event;
    const cursor = cursorAfter(combo.map((member) => BigInt(member.id)));
    text += `id: ${cursor}\ndata: ${JSON.stringify(body)}\n\n`;
  }
  return text;
}
