/*
 * The page's end of the background's `trpc` port, with no tRPC code in it (the launcher runs in
 * every stream page and stays small): each call is posted with an id and settled by the answer
 * with that id. portLink (the tRPC client's link, popup and dashboard) and createPortClient (the
 * gift bar's light client) both call through it.
 */
import { toErrorShape } from "./api-error.ts";
import type { TrpcErrorShape, TrpcPortRequest, TrpcPortResponse } from "./contract.ts";

/** The part of chrome.runtime.Port the session uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: { addListener(listener: (message: unknown) => void): void };
  readonly onDisconnect: { addListener(listener: () => void): void };
}

export const TRPC_PORT = "trpc";

/** A failed call, typed as tRPC types it: `data.code`, `data.domainCode`, `shape`. */
export class PortCallError extends Error {
  override readonly name = "TRPCClientError";
  readonly data: TrpcErrorShape["data"];
  constructor(readonly shape: TrpcErrorShape) {
    super(shape.message);
    this.data = shape.data;
  }
}

const LOST = toErrorShape({
  code: "NETWORK",
  domainCode: null,
  message: "Coinstream stopped answering in this window. Try again.",
  details: {},
  fieldErrors: {},
});

export interface PortSession {
  /** Resolves with the data, rejects with a PortCallError; `signal` drops the answer. */
  call(
    type: "query" | "mutation",
    path: string,
    input: unknown,
    signal?: AbortSignal,
  ): Promise<unknown>;
}

/**
 * `connect` opens the port (`chrome.runtime.connect({ name: "trpc" })`) on the first call and
 * again after the background drops it (a service worker that went idle). Calls in flight when it
 * drops fail with a NETWORK error; nothing is retried behind the page's back.
 */
export function createPortSession(connect: () => PortLike): PortSession {
  let port: PortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, (response: TrpcPortResponse) => void>();

  function open(): PortLike {
    if (port) return port;
    const opened = connect();
    opened.onMessage.addListener((message) => {
      const response = message as TrpcPortResponse;
      pending.get(response?.id)?.(response);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
      for (const [id, settle] of pending) settle({ id, error: LOST });
    });
    port = opened;
    return opened;
  }

  function post(request: TrpcPortRequest): void {
    // Plasmo's port handlers read each message's `body`.
    try {
      open().postMessage({ body: request });
    } catch {
      // The port was already closed: open a new one and send once more.
      port = null;
      open().postMessage({ body: request });
    }
  }

  return {
    call(type, path, input, signal) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, (response) => {
          pending.delete(id);
          if ("error" in response) reject(new PortCallError(response.error));
          else resolve(response.result.data);
        });
        // An abandoned call's answer is dropped; the background still finishes it.
        signal?.addEventListener("abort", () => pending.delete(id), { once: true });
        try {
          post({ id, type, path, input });
        } catch {
          pending.delete(id);
          reject(new PortCallError(LOST));
        }
      });
    },
  };
}
