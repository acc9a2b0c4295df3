import { Agent, type IncomingHttpHeaders, request } from "node:http";

/** What one HTTP call returned, how long it took and when its last byte arrived. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** From the call to its last byte (ms), waiting for a free socket included. */
  readonly ms: number;
  /** `performance.now()` at the last byte. */
  readonly endedAt: number;
}

export interface HttpClientOptions {
  /** Pooled keep-alive sockets (default 64). */
  readonly maxSockets?: number;
  /** A deadline per call, waiting for a free socket included (default 15 s). */
  readonly timeoutMs?: number;
  /**
   * The loopback address this client connects from (127.0.x.y, see `loopbackAddress`): each
   * simulated person a client address of their own, as in production, so the API's
   * per-address limits apply per person.
   */
  readonly localAddress?: string;
}

export interface SendInit {
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `authorization: Bearer <token>`. */
  readonly token?: string | null;
}

/**
 * A minimal keep-alive HTTP/1.1 client for loopback load: `node:http` with pooled sockets.
 * Cheaper per request than fetch, so a load generator spends its CPU on the API's answers
 * rather than on itself. Rejects on network errors and timeouts.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly origin: URL;
  private readonly timeoutMs: number;

  constructor(
    readonly baseUrl: string,
    private readonly options: HttpClientOptions = {},
  ) {
    this.origin = new URL(baseUrl);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    const maxSockets = options.maxSockets ?? 64;
    // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them:
    // reusing a socket the server is closing fails with ECONNRESET, a client artefact.
    this.agent = new Agent({
      keepAlive: true,
      maxSockets,
      maxFreeSockets: maxSockets,
      timeout: 4_000,
    });
  }

  /**
   * One call. A kept-alive socket the server closed just as it was reused fails with ECONNRESET
   * before an answer: that call is sent once more, as Node's docs advise (money-moving calls
   * carry their idempotency key, so a repeat can never move money twice).
   */
  send(
    method: "GET" | "POST",
    path: string,
    init: SendInit = {},
    isRetry = false,
  ): Promise<HttpAnswer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (init.body !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(init.body));
      }
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      Object.assign(headers, init.headers);
      const req = request(
        {
          agent: this.agent,
          host: this.origin.hostname,
          port: this.origin.port,
          method,
          path,
          headers,
          ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const endedAt = performance.now();
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString("utf8"),
              ms: endedAt - started,
              endedAt,
            });
          });
          res.on("error", reject);
        },
      );
      const deadline = setTimeout(
        () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      req.on("close", () => clearTimeout(deadline));
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (!isRetry && req.reusedSocket && error.code === "ECONNRESET") {
          this.send(method, path, init, true).then(resolve, reject);
        } else {
          reject(error);
        }
      });
      req.end(init.body);
    });
  }

  /** A tRPC mutation: POST /trpc/<procedure> with the input as the JSON body. */
  mutate(procedure: string, input: unknown, token: string | null): Promise<HttpAnswer> {
    return this.send("POST", `/trpc/${procedure}`, { body: JSON.stringify(input ?? null), token });
  }

  /** A tRPC query: GET /trpc/<procedure>?input=<JSON>. */
  query(procedure: string, input: unknown, token: string | null): Promise<HttpAnswer> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send("GET", `/trpc/${procedure}${query}`, { token });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The loopback address of simulated client number `index` (127.0.1.1, 127.0.1.2, ...). */
export function loopbackAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** The tRPC error code and message of a failed call, for a report's error samples. */
export function describeFailure(answer: Pick<HttpAnswer, "status" | "text">): string {
  try {
    const parsed = JSON.parse(answer.text) as {
      error?: { message?: string; data?: { code?: string; domainCode?: string | null } };
    };
    const error = parsed.error;
    if (error) {
      return `${answer.status} ${error.data?.domainCode ?? error.data?.code ?? ""}: ${error.message ?? ""}`;
    }
  } catch {
    // not JSON: the raw start of the body says enough
  }
  return `${answer.status} ${answer.text.slice(0, 200)}`;
}
