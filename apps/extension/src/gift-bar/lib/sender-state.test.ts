import { describe, expect, it } from "vitest";
import type { ApiError } from "../../messaging/contract.ts";
import type { SendAttempt } from "./send-to-stream.ts";
import { IDLE, reduceSender, type SenderState, UNFINISHED_SEND } from "./sender-state.ts";

const attempt = (key: string): SendAttempt => ({
  request: { kind: "gift", giftId: "rose", count: 1, message: null },
  to: { handle: "nova" },
  idempotencyKey: key,
});
const networkError: ApiError = {
  code: "NETWORK",
  domainCode: null,
  message: "Coinstream could not be reached.",
  details: {},
  fieldErrors: {},
};
const result = { balance: 99, coinsSpent: 1, diamonds: 0, handle: "nova", replayed: false };

describe("reduceSender", () => {
  it("offers an attempt a closed panel left unanswered as a retry with its key, only when idle", () => {
    const resumed = reduceSender(IDLE, { type: "resume", attempt: attempt("left") });
    expect(resumed).toEqual({
      phase: "failed",
      attempt: attempt("left"),
      confirmed: false,
      error: UNFINISHED_SEND,
      retryable: true,
    });
    expect(reduceSender(resumed, { type: "retry" })).toEqual({
      phase: "sending",
      attempt: attempt("left"),
      confirmed: false,
    });
    const busy = reduceSender(IDLE, { type: "send", attempt: attempt("k1") });
    expect(reduceSender(busy, { type: "resume", attempt: attempt("left") })).toBe(busy);
  });

  it("goes from sending to the server's answer", () => {
    const sending = reduceSender(IDLE, { type: "send", attempt: attempt("k1") });
    expect(sending).toEqual({ phase: "sending", attempt: attempt("k1"), confirmed: false });
    expect(
      reduceSender(sending, {
        type: "outcome",
        idempotencyKey: "k1",
        outcome: { status: "sent", result },
      }),
    ).toEqual({ phase: "sent", attempt: attempt("k1"), result });
  });

  it("keeps the key through a confirmation and sends it confirmed", () => {
    const sending = reduceSender(IDLE, { type: "send", attempt: attempt("k1") });
    const confirm = reduceSender(sending, {
      type: "outcome",
      idempotencyKey: "k1",
      outcome: { status: "needs-confirmation", coins: 500, message: "Confirm it." },
    });
    expect(confirm).toMatchObject({ phase: "confirm", coins: 500, message: "Confirm it." });
    expect(reduceSender(confirm, { type: "confirm" })).toEqual({
      phase: "sending",
      attempt: attempt("k1"),
      confirmed: true,
    });
  });

  it("cancels a confirmation without sending", () => {
    const confirm: SenderState = {
      phase: "confirm",
      attempt: attempt("k1"),
      coins: 500,
      message: "Confirm it.",
    };
    expect(reduceSender(confirm, { type: "dismiss" })).toBe(IDLE);
  });

  it("retries a failure of unknown outcome with the same key, still confirmed", () => {
    const failed: SenderState = {
      phase: "failed",
      attempt: attempt("k1"),
      confirmed: true,
      error: networkError,
      retryable: true,
    };
    expect(reduceSender(failed, { type: "retry" })).toEqual({
      phase: "sending",
      attempt: attempt("k1"),
      confirmed: true,
    });
  });

  it("does not retry a final refusal with its key", () => {
    const failed: SenderState = {
      phase: "failed",
      attempt: attempt("k1"),
      confirmed: false,
      error: { ...networkError, code: "BAD_REQUEST", domainCode: "INSUFFICIENT_COINS" },
      retryable: false,
    };
    expect(reduceSender(failed, { type: "retry" })).toBe(failed);
  });

  it("sends one at a time: a new send waits until the current one is answered", () => {
    const sending = reduceSender(IDLE, { type: "send", attempt: attempt("k1") });
    expect(reduceSender(sending, { type: "send", attempt: attempt("k2") })).toBe(sending);
    expect(reduceSender(sending, { type: "dismiss" })).toBe(sending);
  });

  it("starts a new attempt with its new key after an answer", () => {
    const sent: SenderState = { phase: "sent", attempt: attempt("k1"), result };
    expect(reduceSender(sent, { type: "send", attempt: attempt("k2") })).toMatchObject({
      phase: "sending",
      attempt: { idempotencyKey: "k2" },
    });
  });

  it("ignores an answer for another attempt", () => {
    const sending = reduceSender(IDLE, { type: "send", attempt: attempt("k2") });
    expect(
      reduceSender(sending, {
        type: "outcome",
        idempotencyKey: "k1",
        outcome: { status: "sent", result },
      }),
    ).toBe(sending);
  });
});
