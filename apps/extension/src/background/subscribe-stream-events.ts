import type { AppRouter } from "@coinstream/api";
import type { TRPCClient } from "@trpc/client";
import type { StreamEventMessage } from "../messaging/contract.ts";
import type { SubscribeUpstream } from "./stream-hub.ts";

/** tRPC codes after which following the same creator again cannot succeed. */
const FINAL_CODES: ReadonlySet<string> = new Set([
  "NOT_FOUND",
  "BAD_REQUEST",
  "FORBIDDEN",
  "UNAUTHORIZED",
  "PARSE_ERROR",
]);

function codeOf(error: unknown): string | null {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : null;
}

/**
 * `streams.events` for `{ to: { handle } }` over SSE, from `lastEventId`. tRPC's own
 * EventSource would retry on its own schedule; a drop is reported to the hub instead, which
 * closes this subscription and opens a new one after its backoff.
 */
export function createStreamSubscriber(client: TRPCClient<AppRouter>): SubscribeUpstream {
  return (handle, lastEventId, handlers) => {
    const subscription = client.streams.events.subscribe(
      { to: { handle }, lastEventId },
      {
        onStarted: () => handlers.onConnected(),
        onData: (tracked) => {
          handlers.onEvent(tracked.id, tracked.data as StreamEventMessage);
        },
        onConnectionStateChange: (state) => {
          if (state.state === "pending") handlers.onConnected();
          else if (state.state === "connecting" && state.error) handlers.onDropped(state.error);
        },
        onError: (error) => {
          const code = codeOf(error);
          if (code && FINAL_CODES.has(code)) handlers.onFailed(error);
          else handlers.onDropped(error);
        },
        onComplete: () => handlers.onDropped(null),
      },
    );
    return () => subscription.unsubscribe();
  };
}
