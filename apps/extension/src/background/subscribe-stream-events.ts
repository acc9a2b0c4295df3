import type { StreamEventMessage } from "../messaging/contract.ts";
import type { SubscribeUpstream, UpstreamHandlers } from "./stream-hub.ts";

export interface StreamSubscriberOptions {
  /** The API's origin, e.g. http://127.0.0.1:3000. */
  readonly apiUrl: string;
  /** Injected in tests; the worker's own fetch otherwise. */
  readonly fetch?: typeof fetch;
}

/** One SSE message: its fields, `data` lines joined. */
interface SseBlock {
  readonly id: string | null;
  readonly event: string | null;
  readonly data: string;
}

/** Parses one block (the text between blank lines); null for a comment-only block. */
function parseBlock(block: string): SseBlock | null {
  let id: string | null = null;
  let event: string | null = null;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "id") id = value;
    else if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  if (id === null && event === null && data.length === 0) return null;
  return { id, event, data: data.join("\n") };
}

/** Hands one block to the hub: `connected`, `reset`, or an event (no `event:` line). */
function dispatch(block: SseBlock, handlers: UpstreamHandlers): void {
  if (block.event === "connected") {
    handlers.onConnected(block.id);
  } else if (block.event === "reset") {
    if (block.id !== null) handlers.onReset(block.id);
  } else if (block.event === null && block.id !== null && block.data !== "") {
    let event: StreamEventMessage;
    try {
      event = JSON.parse(block.data) as StreamEventMessage;
    } catch {
      return; // Not ours to guess at; the next event's id still advances the cursor.
    }
    handlers.onEvent(block.id, event);
  }
}

/**
 * A creator's public events from the API's plain SSE route, `GET /streams/<handle>/events`,
 * read with fetch (a service worker has no EventSource). The `id:` of each frame is the API's
 * opaque cursor, passed back unchanged as `Last-Event-ID`. A drop is reported to the hub, which
 * closes this subscription and opens a new one after its backoff; a 404 (no such creator) ends
 * following; a 400 (a cursor the API no longer accepts) makes the hub start over from now.
 */
export function createStreamSubscriber(options: StreamSubscriberOptions): SubscribeUpstream {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return (handle, lastEventId, handlers) => {
    const controller = new AbortController();
    let isOpen = true;
    const guarded: UpstreamHandlers = {
      onConnected: (cursor) => isOpen && handlers.onConnected(cursor),
      onEvent: (id, event) => isOpen && handlers.onEvent(id, event),
      onReset: (cursor) => isOpen && handlers.onReset(cursor),
      onDropped: (error) => {
        if (!isOpen) return;
        isOpen = false;
        handlers.onDropped(error);
      },
      onFailed: (error) => {
        if (!isOpen) return;
        isOpen = false;
        handlers.onFailed(error);
      },
    };
    void read(handle, lastEventId, controller.signal, guarded).catch((error: unknown) =>
      guarded.onDropped(error),
    );
    return () => {
      isOpen = false;
      controller.abort();
    };
  };

  async function read(
    handle: string,
    lastEventId: string | null,
    signal: AbortSignal,
    handlers: UpstreamHandlers,
  ): Promise<void> {
    const response = await fetchImpl(
      `${options.apiUrl}/streams/${encodeURIComponent(handle)}/events`,
      {
        headers: {
          accept: "text/event-stream",
          ...(lastEventId !== null && { "Last-Event-ID": lastEventId }),
        },
        cache: "no-store",
        signal,
      },
    );
    if (response.status === 404) {
      await response.body?.cancel();
      handlers.onFailed(new Error(`no creator @${handle}`));
      return;
    }
    if (response.status === 400) {
      await response.body?.cancel();
      handlers.onReset(null);
      handlers.onDropped(new Error("the API refused the resume id"));
      return;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      handlers.onDropped(new Error(`stream events answered ${response.status}`));
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += value; // The API ends lines with \n alone.
      let end = buffered.indexOf("\n\n");
      while (end !== -1) {
        const block = parseBlock(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        if (block) dispatch(block, handlers);
        end = buffered.indexOf("\n\n");
      }
    }
    handlers.onDropped(null);
  }
}
