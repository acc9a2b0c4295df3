import { Agent, request } from "node:http";

/** What one HTTP call returned and when its last byte arrived (ms, `performance.now()`). */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly endedAt: number;
}

/**
 * A minimal keep-alive HTTP/1.1 client for loopback load: `node:http` with up to `maxSockets`
 * pooled sockets, a deadline per call (queueing for a socket included). Cheaper per request than fetch, so the
 * generator spends its CPU on the API's answers rather than on itself.
 */
export function createHttpClient(baseUrl: string, maxSockets: number, timeoutMs = 30_000) {
  const origin = new URL(baseUrl);
  // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them:
  // reusing a socket the server is closing fails with ECONNRESET, a client artefact.
  const agent = new Agent({
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    timeout: 4_000,
  });

  /**
   * One call. A kept-alive socket the server closed just as it was reused fails with ECONNRESET
   * before an answer: that call is sent once more, as Node's docs advise (gifts carry their
   * idempotency key, so a repeat can never send twice).
   */
  function send(
    method: "GET" | "POST",
    path: string,
    body: string | null,
    token: string | null,
    isRetry = false,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (body !== null) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(body));
      }
      if (token) headers.authorization = `Bearer ${token}`;
      const req = request(
        {
          agent,
          host: origin.hostname,
          port: origin.port,
          method,
          path,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              endedAt: performance.now(),
            }),
          );
          res.on("error", reject);
        },
      );
      // A deadline for the whole call, waiting for a free socket included.
      const deadline = setTimeout(
        () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      req.on("close", () => clearTimeout(deadline));
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (!isRetry && req.reusedSocket && error.code === "ECONNRESET") {
          send(method, path, body, token, true).then(resolve, reject);
        } else {
          reject(error);
        }
      });
      req.end(body ?? undefined);
    });
  }

  return {
    /** A tRPC mutation: POST /trpc/<path> with the input as the JSON body. */
    mutate: (procedure: string, input: unknown, token: string | null) =>
      send("POST", `/trpc/${procedure}`, JSON.stringify(input), token),
    /** A tRPC query: GET /trpc/<path>?input=<JSON>. */
    query: (procedure: string, input: unknown, token: string | null) =>
      send(
        "GET",
        `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        null,
        token,
      ),
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/** The tRPC error code and message of a failed call, for the report's error samples. */
export function describeFailure(answer: HttpAnswer): string {
  try {
    const parsed = JSON.parse(answer.body) as {
      error?: { message?: string; data?: { code?: string; domainCode?: string | null } };
    };
    const error = parsed.error;
    if (error) {
      return `${answer.status} ${error.data?.domainCode ?? error.data?.code ?? ""}: ${error.message ?? ""}`;
    }
  } catch {
    // not JSON: the raw start of the body says enough
  }
  return `${answer.status} ${answer.body.slice(0, 200)}`;
}
