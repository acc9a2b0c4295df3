import { get, type IncomingMessage } from "node:http";

export interface SseBlock {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string | undefined;
}

/** A raw SSE client over its own socket: every block as sent, and every byte of the body. */
export class SseReader {
  readonly blocks: SseBlock[] = [];
  /** The body's bytes after the `retry:` opening, as they arrived. */
  bytes = "";
  status = 0;
  ended = false;
  response: IncomingMessage | null = null;
  private buffer = "";
  private readonly opened: Promise<void>;

  constructor(
    url: string,
    headers: Record<string, string> = {},
    options: { paused?: boolean } = {},
  ) {
    this.opened = new Promise((resolve, reject) => {
      const request = get(url, {
        agent: false,
        headers: { accept: "text/event-stream", ...headers },
      });
      request.on("error", reject);
      request.on("response", (response) => {
        this.response = response;
        this.status = response.statusCode ?? 0;
        response.setEncoding("utf8");
        if (options.paused) response.pause();
        response.on("data", (chunk: string) => this.take(chunk));
        response.on("end", () => {
          this.ended = true;
        });
        response.on("close", () => {
          this.ended = true;
        });
        resolve();
      });
    });
  }

  open(): Promise<void> {
    return this.opened;
  }

  /** Stream events received (blocks with data and no event name), parsed. */
  events<T = { id: string; message: string | null }>(): T[] {
    return this.blocks
      .filter((block) => block.data !== undefined && block.event === undefined)
      .map((block) => JSON.parse(block.data as string) as T);
  }

  /** The id of the last block that had one: what a browser sends as Last-Event-ID. */
  lastEventId(): string | undefined {
    return this.blocks.findLast((block) => block.id !== undefined)?.id;
  }

  async until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    for (let waited = 0; !condition(); waited += 20) {
      if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for the `connected` event: the hub has joined this reader to the stream. */
  untilConnected(): Promise<void> {
    return this.until(() => this.blocks.some((block) => block.event === "connected"), "connected");
  }

  close(): void {
    this.response?.destroy();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf("\n\n"); end !== -1; end = this.buffer.indexOf("\n\n")) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (text.startsWith("retry:")) continue;
      this.bytes += `${text}\n\n`;
      if (text.startsWith(":")) continue;
      const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(text)?.[1];
      this.blocks.push({ id: field("id"), event: field("event"), data: field("data") });
    }
  }
}
