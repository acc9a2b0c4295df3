import type { ServerResponse } from "node:http";
import type { FrameSink } from "./stream-event-hub.ts";

/** Bytes a subscriber may leave unread before it is cut off (about 1,000 gift events). */
export const MAX_QUEUED_BYTES = 256 * 1024;
/** How long a cut-off subscriber has to read what was already queued before its socket is dropped. */
const DRAIN_MS = 10_000;
const OPENING = Buffer.from("retry: 2000\n\n");
const CUT_OFF = Buffer.from(
  ": too slow; reconnect with Last-Event-ID to resume after the last event received\n\n",
);

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Accel-Buffering": "no",
} as const;

/**
 * One SSE response, fed the hub's frames (the same bytes for every subscriber). A subscriber
 * that leaves more than `maxQueuedBytes` unread is cut off: nothing more is queued and the
 * response ends; what was queued still flows, each event with its resumable id. EventSource then
 * reconnects with `Last-Event-ID` and is replayed exactly what it lacks.
 */
abstract class SseSink implements FrameSink {
  private closed = false;
  private readonly onClosed: (() => void)[] = [];

  constructor(private readonly maxQueuedBytes: number) {}

  /** Calls `listener` once the response is over (client gone, cut off or closed). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.onClosed.push(listener);
  }

  write(frame: Buffer): boolean {
    if (this.closed) return false;
    this.push(frame);
    if (this.queuedBytes() > this.maxQueuedBytes) {
      this.end(CUT_OFF);
      return false;
    }
    return true;
  }

  close(): void {
    this.end(null);
  }

  protected abstract push(frame: Buffer): void;
  protected abstract queuedBytes(): number;
  protected abstract finishResponse(last: Buffer | null): void;

  private end(last: Buffer | null): void {
    if (this.closed) return;
    this.finished();
    this.finishResponse(last);
  }

  /** The response is over: stop feeding it. */
  protected finished(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.onClosed.splice(0)) listener();
  }
}

/** Written straight to the socket (Node): no stream machinery per subscriber and frame. */
export class NodeSseSubscriber extends SseSink {
  constructor(
    private readonly res: ServerResponse,
    extraHeaders: Record<string, string> = {},
    maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {
    super(maxQueuedBytes);
    res.writeHead(200, { ...SSE_HEADERS, Connection: "keep-alive", ...extraHeaders });
    res.socket?.setNoDelay(true);
    res.write(OPENING);
    res.on("close", () => this.finished());
  }

  protected push(frame: Buffer): void {
    this.res.write(frame);
  }

  protected queuedBytes(): number {
    return this.res.writableLength;
  }

  protected finishResponse(last: Buffer | null): void {
    this.res.end(last ?? undefined);
    // Even what was queued is not read: drop the socket.
    const timer = setTimeout(() => this.res.destroy(), DRAIN_MS);
    timer.unref();
    this.res.once("close", () => clearTimeout(timer));
  }
}

/** A web `ReadableStream` body, for runtimes without a Node response (and `app.request` in tests). */
export class WebSseSubscriber extends SseSink {
  readonly body: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(maxQueuedBytes = MAX_QUEUED_BYTES) {
    super(maxQueuedBytes);
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          controller.enqueue(new Uint8Array(OPENING));
        },
        cancel: () => this.finished(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    );
  }

  protected push(frame: Buffer): void {
    this.controller?.enqueue(new Uint8Array(frame));
  }

  protected queuedBytes(): number {
    return -(this.controller?.desiredSize ?? 0);
  }

  protected finishResponse(last: Buffer | null): void {
    try {
      if (last) this.controller?.enqueue(new Uint8Array(last));
      this.controller?.close();
    } catch {
      // already cancelled by the reader
    }
  }
}
