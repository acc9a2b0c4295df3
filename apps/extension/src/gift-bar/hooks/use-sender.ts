import { useCallback, useRef, useState } from "react";
import type { ApiClient } from "../../messaging/api-client.ts";
import type { StreamTarget } from "../lib/page-target.ts";
import {
  type SendAttempt,
  type SendRequest,
  type SentResult,
  sendToStream,
} from "../lib/send-to-stream.ts";
import { IDLE, reduceSender, type SenderEvent, type SenderState } from "../lib/sender-state.ts";

export interface Sender {
  readonly state: SenderState;
  /** Starts a new send with a fresh idempotency key (ignored while one is under way). */
  readonly send: (request: SendRequest, to: StreamTarget) => void;
  /** The viewer confirmed a spend above their threshold: same key, `confirm: true`. */
  readonly confirm: () => void;
  /** Sends the failed attempt again with the same key (the API never doubles it). */
  readonly retry: () => void;
  /** Cancels a confirmation or clears the last answer. */
  readonly dismiss: () => void;
}

/**
 * One send at a time, honest about where it is: "sending", then the API's answer. The hook
 * keeps the attempt (and its idempotency key) through confirmation and retries.
 */
export function useSender(
  api: Pick<ApiClient, "mutation">,
  newKey: () => string,
  onSent: (result: SentResult, attempt: SendAttempt) => void,
): Sender {
  const [state, setState] = useState<SenderState>(IDLE);
  const current = useRef<SenderState>(IDLE);
  const sentCallback = useRef(onSent);
  sentCallback.current = onSent;

  const apply = useCallback((event: SenderEvent): SenderState => {
    const next = reduceSender(current.current, event);
    current.current = next;
    setState(next);
    return next;
  }, []);

  const run = useCallback(
    (next: SenderState) => {
      if (next.phase !== "sending") return;
      const { attempt, confirmed } = next;
      void sendToStream(api, attempt, confirmed).then((outcome) => {
        const after = apply({ type: "outcome", idempotencyKey: attempt.idempotencyKey, outcome });
        if (outcome.status === "sent" && after.phase === "sent") {
          sentCallback.current(outcome.result, attempt);
        }
      });
    },
    [api, apply],
  );

  const step = useCallback(
    (event: SenderEvent) => {
      const before = current.current;
      const next = apply(event);
      if (next !== before) run(next);
    },
    [apply, run],
  );
  const send = useCallback(
    (request: SendRequest, to: StreamTarget) => {
      step({ type: "send", attempt: { request, to, idempotencyKey: newKey() } });
    },
    [step, newKey],
  );
  const confirm = useCallback(() => step({ type: "confirm" }), [step]);
  const retry = useCallback(() => step({ type: "retry" }), [step]);
  const dismiss = useCallback(() => {
    apply({ type: "dismiss" });
  }, [apply]);

  return { state, send, confirm, retry, dismiss };
}
