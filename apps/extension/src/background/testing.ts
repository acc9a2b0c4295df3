import { vi } from "vitest";

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly credentials: RequestCredentials | undefined;
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/** A fetch stub that records every request and answers with `respond`. */
export function stubFetch(respond: Responder) {
  const requests: RecordedRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const recorded: RecordedRequest = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: init?.body === undefined || init.body === null ? null : String(init.body),
      credentials: init?.credentials,
    };
    requests.push(recorded);
    return respond(recorded);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
