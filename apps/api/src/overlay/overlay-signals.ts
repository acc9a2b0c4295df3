import type { Sql } from "@coinstream/db";
import type { FrameSink } from "../realtime/stream-event-hub.ts";

/** The NOTIFY channel of signals meant for one creator's overlays only (never stream events). */
export const OVERLAY_SIGNALS_CHANNEL = "coinstream_overlay_signals";

/** What a creator's overlays are told besides stream events: new settings, a test alert. */
export type OverlaySignal =
  | { readonly type: "settings"; readonly settings: unknown }
  | { readonly type: "test-alert"; readonly event: unknown };

/**
 * Tells every API process to pass `signal` to the creator's open overlays. A NOTIFY carries it
 * whole (well under the 8 KB limit): nothing is stored, so a test alert leaves no trace in the
 * stream, its analytics or its leaderboards, and an overlay that is not open misses it (settings
 * it reads again when it connects).
 */
export async function publishOverlaySignal(
  sql: Sql,
  creatorUserId: string,
  signal: OverlaySignal,
): Promise<void> {
  const payload = JSON.stringify({ creatorUserId, signal });
  await sql`select pg_notify(${OVERLAY_SIGNALS_CHANNEL}, ${payload})`;
}

/** An SSE frame for a named event without an id, so the stream's resume point stays as it was. */
function encodeSignal(signal: OverlaySignal): Buffer {
  return Buffer.from(`event: ${signal.type}\ndata: ${JSON.stringify(signal)}\n\n`);
}

/**
 * One per process: LISTENs on the overlay channel (from the first overlay that connects) and
 * writes each signal to that creator's overlay streams on this process.
 */
export class OverlaySignalBus {
  private readonly sinks = new Map<string, Set<FrameSink>>();
  private listening: Promise<unknown> | null = null;

  constructor(private readonly sql: Sql) {}

  /** Starts listening if needed; resolves once signals published from now on will arrive. */
  ready(): Promise<unknown> {
    this.listening ??= this.sql
      .listen(OVERLAY_SIGNALS_CHANNEL, (payload) => this.deliver(payload))
      .catch((error) => {
        this.listening = null;
        throw error;
      });
    return this.listening;
  }

  /** Adds an overlay stream of the creator; returns the function that removes it. */
  add(creatorUserId: string, sink: FrameSink): () => void {
    let set = this.sinks.get(creatorUserId);
    if (!set) {
      set = new Set();
      this.sinks.set(creatorUserId, set);
    }
    set.add(sink);
    return () => {
      set.delete(sink);
      if (set.size === 0) this.sinks.delete(creatorUserId);
    };
  }

  private deliver(payload: string): void {
    let message: { creatorUserId?: unknown; signal?: OverlaySignal };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof message.creatorUserId !== "string" || !message.signal) return;
    const set = this.sinks.get(message.creatorUserId);
    if (!set) return;
    const frame = encodeSignal(message.signal);
    for (const sink of set) if (!sink.write(frame)) set.delete(sink);
  }
}
