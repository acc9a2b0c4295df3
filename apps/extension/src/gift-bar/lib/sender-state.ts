import type { ApiError } from "../../messaging/contract.ts";
import type { SendAttempt, SendOutcome, SentResult } from "./send-to-stream.ts";

/**
 * Where the gift bar's one send is: nothing yet, on its way, waiting for the viewer to confirm
 * a spend above their threshold, answered, or refused. `confirmed` travels with the attempt so
 * a retry after a confirmation is still confirmed; the idempotency key never changes within one
 * attempt.
 */
export type SenderState =
  | { readonly phase: "idle" }
  | { readonly phase: "sending"; readonly attempt: SendAttempt; readonly confirmed: boolean }
  | {
      readonly phase: "confirm";
      readonly attempt: SendAttempt;
      readonly coins: number | null;
      readonly message: string;
    }
  | { readonly phase: "sent"; readonly attempt: SendAttempt; readonly result: SentResult }
  | {
      readonly phase: "failed";
      readonly attempt: SendAttempt;
      readonly confirmed: boolean;
      readonly error: ApiError;
      readonly retryable: boolean;
    };

export type SenderEvent =
  | { readonly type: "send"; readonly attempt: SendAttempt }
  | { readonly type: "confirm" }
  | { readonly type: "retry" }
  | { readonly type: "dismiss" }
  /** A send an earlier panel started and never saw answered: offered again with its key. */
  | { readonly type: "resume"; readonly attempt: SendAttempt }
  | { readonly type: "outcome"; readonly idempotencyKey: string; readonly outcome: SendOutcome };

export const IDLE: SenderState = { phase: "idle" };

/** Why a resumed send is shown: its outcome is unknown, so only a retry with its key is offered. */
export const UNFINISHED_SEND: ApiError = {
  code: "UNFINISHED",
  domainCode: null,
  message:
    "Your last send here may not have finished (the panel closed). Try again: it is never sent twice.",
  details: {},
  fieldErrors: {},
};

export function reduceSender(state: SenderState, event: SenderEvent): SenderState {
  switch (event.type) {
    case "send":
      // One send at a time: a new one starts only when nothing is on its way or awaiting an answer.
      if (state.phase === "sending" || state.phase === "confirm") return state;
      return { phase: "sending", attempt: event.attempt, confirmed: false };
    case "confirm":
      return state.phase === "confirm"
        ? { phase: "sending", attempt: state.attempt, confirmed: true }
        : state;
    case "retry":
      return state.phase === "failed" && state.retryable
        ? { phase: "sending", attempt: state.attempt, confirmed: state.confirmed }
        : state;
    case "dismiss":
      return state.phase === "sending" ? state : IDLE;
    case "resume":
      return state.phase === "idle"
        ? {
            phase: "failed",
            attempt: event.attempt,
            confirmed: false,
            error: UNFINISHED_SEND,
            retryable: true,
          }
        : state;
    case "outcome": {
      if (state.phase !== "sending" || state.attempt.idempotencyKey !== event.idempotencyKey) {
        return state;
      }
      const { outcome } = event;
      switch (outcome.status) {
        case "sent":
          return { phase: "sent", attempt: state.attempt, result: outcome.result };
        case "needs-confirmation":
          return {
            phase: "confirm",
            attempt: state.attempt,
            coins: outcome.coins,
            message: outcome.message,
          };
        case "failed":
          return {
            phase: "failed",
            attempt: state.attempt,
            confirmed: state.confirmed,
            error: outcome.error,
            retryable: outcome.retryable,
          };
      }
    }
  }
}
