import { type ClientRequest, request } from "node:http";

/**
 * A viewer watching a creator's stream over SSE (`streams.events`), as the extension's overlay
 * does: collects the ids of the events it receives, in order, on one connection it never
 * reopens (so what it sees is what the API's LISTEN delivered live).
 */
export class StreamSubscriber {
  readonly eventIds: string[] = [];
  /** Set when the connection ended or failed; a live subscriber keeps it null. */
  ended: string | null = null;
  private req: ClientRequest | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly handle: string,
  ) {}

  /** Opens the subscription; resolves once the API has answered with an event stream. */
  open(): Promise<void> {
    const input = encodeURIComponent(JSON.stringify({ to: { handle: this.handle } }));
    const url = new URL(`/trpc/streams.events?input=${input}`, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`streams.events answered ${res.statusCode}`));
          res.resume();
          return;
        }
        resolve();
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            this.receive(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        res.on("end", () => (this.ended ??= "the API ended the stream"));
        res.on("error", (error) => (this.ended ??= error.message));
      });
      req.on("error", (error) => {
        this.ended ??= error.message;
        reject(error);
      });
      req.end();
      this.req = req;
    });
  }

  close(): void {
    this.ended ??= "closed by the scenario";
    this.req?.destroy();
  }

  // One SSE message. The tracked id is the stream's resume cursor, not the event's: the event id
  // is in the data, with the ids of any gifts of the same combo merged into it. `connected`,
  // `reset` and pings carry no event id.
  private receive(message: string): void {
    let event = "message";
    let data = "";
    for (const line of message.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      if (line.startsWith("data:")) data += line.slice(5).trim();
    }
    if (event !== "message" || data === "") return;
    const item = JSON.parse(data) as {
      readonly id?: string | number;
      readonly merged?: readonly { readonly id: string | number }[];
    };
    if (item.id === undefined) return;
    for (const merged of item.merged ?? []) this.eventIds.push(String(merged.id));
    this.eventIds.push(String(item.id));
  }
}
