/*
 * A tRPC link for the extension's pages: every query and mutation goes through a chrome.runtime
 * Port (`trpc`) to the background, which runs it with its own client (the only one holding the
 * token) if this page's context may call it. Subscriptions stay on the `stream` port.
 */
import type { AppRouter } from "@coinstream/api";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { toErrorShape } from "./api-error.ts";
import type { TrpcPortRequest, TrpcPortResponse } from "./contract.ts";

/** The part of chrome.runtime.Port the link uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: {
    addListener(listener: (message: unknown) => void): void;
  };
  readonly onDisconnect: {
    addListener(listener: () => void): void;
  };
}

export const TRPC_PORT = "trpc";

const LOST = toErrorShape({
  code: "NETWORK",
  domainCode: null,
  message: "Coinstream stopped answering in this window. Try again.",
  details: {},
  fieldErrors: {},
});

type Pending = (response: TrpcPortResponse) => void;

/**
 * `connect` opens the port (`chrome.runtime.connect({ name: "trpc" })`); it is opened on the
 * first call and again after the background drops it (a service worker that went idle). Calls in
 * flight when it drops fail with a NETWORK error; nothing is retried behind the page's back.
 */
export function portLink(connect: () => PortLike): TRPCLink<AppRouter> {
  let port: PortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

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

  return () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type === "subscription") {
          observer.error(
            TRPCClientError.from(new Error("Follow streams through the `stream` port.")),
          );
          return;
        }
        const id = nextId++;
        pending.set(id, (response) => {
          pending.delete(id);
          if ("error" in response) {
            observer.error(TRPCClientError.from({ error: response.error }));
            return;
          }
          observer.next({ result: { type: "data", data: response.result.data } });
          observer.complete();
        });
        const request: TrpcPortRequest = { id, type: op.type, path: op.path, input: op.input };
        try {
          // Plasmo's port handlers read each message's `body`.
          open().postMessage({ body: request });
        } catch {
          // The port was already closed: open a new one and send once more.
          port = null;
          try {
            open().postMessage({ body: request });
          } catch (error) {
            pending.delete(id);
            observer.error(TRPCClientError.from({ error: LOST }, { cause: error as Error }));
          }
        }
        return () => {
          // An abandoned call's answer is dropped; the background still finishes it.
          pending.delete(id);
        };
      });
}
