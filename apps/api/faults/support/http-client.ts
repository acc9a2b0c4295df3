import { Agent, type IncomingHttpHeaders, request } from "node:http";

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly ms: number;
}

export interface HttpClientOptions {
  /**
   * The loopback address this client connects from (127.0.x.y): every simulated person is a
   * separate client address, as in production, so the API's per-address limit applies per person.
   */
  readonly localAddress?: string;
  readonly timeoutMs?: number;
}

/** A keep-alive HTTP client bound to one source address; rejects on network errors and timeouts. */
export class HttpClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(
    readonly baseUrl: string,
    private readonly options: HttpClientOptions = {},
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 64 });
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  send(
    method: "GET" | "POST",
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const started = performance.now();
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}),
          headers: {
            ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
            ...init.headers,
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              ms: performance.now() - started,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on("error", reject);
      req.end(init.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The loopback address of simulated client number `index` (127.0.1.1, 127.0.1.2, ...). */
export function loopbackAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}
