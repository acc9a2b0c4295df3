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

/**
 * Sends not yet answered, kept outside the panel (chrome.storage.session) so that a panel closed
 * mid-send offers the same attempt, with the same idempotency key, when it opens again.
 */
export interface PendingSends {
  load(): Promise<SendAttempt | null>;
  save(attempt: SendAttempt): Promise<void>;
  clear(idempotencyKey: string): Promise<void>;
}

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
  /** Offers an unanswered attempt from an earlier panel again (as a retry with its key). */
  readonly resume: (attempt: SendAttempt) => void;
}

/**
 * One send at a time, honest about where it is: "sending", then the API's answer. The hook
 * keeps the attempt (and its idempotency key) through confirmation and retries.
 */
export function useSender(
  api: Pick<ApiClient, "gifts" | "tips">,
  newKey: () => string,
  onSent: (result: SentResult, attempt: SendAttempt) => void,
  pending: PendingSends | null = null,
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
      // The attempt is stored before it can spend, and forgotten once its outcome is known.
      const saved = pending ? pending.save(attempt).catch(() => {}) : Promise.resolve();
      void saved.then(async () => {
        const outcome = await sendToStream(api, attempt, confirmed);
        if (!(outcome.status === "failed" && outcome.retryable)) {
          await pending?.clear(attempt.idempotencyKey).catch(() => {});
        }
        const after = apply({ type: "outcome", idempotencyKey: attempt.idempotencyKey, outcome });
        if (outcome.status === "sent" && after.phase === "sent") {
          sentCallback.current(outcome.result, attempt);
        }
      });
    },
    [api, apply, pending],
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

  const resume = useCallback(
    (attempt: SendAttempt) => {
      apply({ type: "resume", attempt });
    },
    [apply],
  );

  return { state, send, confirm, retry, dismiss, resume };
}
