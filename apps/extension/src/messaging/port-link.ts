/*
 * A tRPC link for the extension's pages: every query and mutation goes through the background's
 * `trpc` port (port-session.ts), which runs it with its own client (the only one holding the
 * token) if this page's context may call it. Subscriptions stay on the `stream` port.
 */
import type { AppRouter } from "@coinstream/api";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createPortSession, PortCallError, type PortLike } from "./port-session.ts";

export type { PortLike } from "./port-session.ts";

export function portLink(connect: () => PortLike): TRPCLink<AppRouter> {
  const session = createPortSession(connect);
  return () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type === "subscription") {
          observer.error(
            TRPCClientError.from(new Error("Follow streams through the `stream` port.")),
          );
          return;
        }
        const abort = new AbortController();
        session.call(op.type, op.path, op.input, abort.signal).then(
          (data) => {
            observer.next({ result: { type: "data", data } });
            observer.complete();
          },
          (error: unknown) => {
            observer.error(
              error instanceof PortCallError
                ? TRPCClientError.from({ error: error.shape })
                : TRPCClientError.from(error as Error),
            );
          },
        );
        return () => abort.abort();
      });
}
