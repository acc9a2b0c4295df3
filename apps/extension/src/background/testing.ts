import { vi } from "vitest";
import type { StreamEventMessage } from "../messaging/contract.ts";

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

/** A 5-coin heart from Vera on @nova's stream, as the API sends it: equal for equal arguments. */
export function streamEvent(id: string, extra: Record<string, unknown> = {}): StreamEventMessage {
  return {
    id,
    kind: "gift",
    creatorHandle: "nova",
    viewerName: "Vera",
    coins: 5,
    giftId: "heart",
    count: 1,
    comboCount: 1,
    comboId: null,
    message: null,
    at: "2026-11-22T10:00:00.000Z",
    ...extra,
  } as StreamEventMessage;
}
