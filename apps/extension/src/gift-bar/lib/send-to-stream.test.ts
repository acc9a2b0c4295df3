import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../messaging/api-client.ts";
import { toErrorShape } from "../../messaging/api-error.ts";
import type { ApiError } from "../../messaging/contract.ts";
import {
  isRetryable,
  newIdempotencyKey,
  type SendAttempt,
  sendToStream,
} from "./send-to-stream.ts";

const apiError = (
  code: string,
  domainCode: string | null,
  message: string,
  details = {},
): ApiError => ({
  code,
  domainCode,
  message,
  details,
  fieldErrors: {},
});

const sent = {
  transferId: "t1",
  replayed: false,
  coinsSpent: 5,
  balance: 4_995,
  creator: { handle: "nova", diamonds: 2 },
  rateCardVersion: "2026-11-01",
};

const giftAttempt: SendAttempt = {
  request: { kind: "gift", giftId: "heart", count: 1, message: null },
  to: { handle: "nova" },
  idempotencyKey: "key-00000001",
};

/** The tRPC client's two spend mutations, recorded as (path, input). */
function stubApi(answer: () => Promise<unknown>) {
  const mutation = vi.fn((_path: string, _input: unknown) => answer());
  const api = {
    gifts: { send: { mutate: (input: unknown) => mutation("gifts.send", input) } },
    tips: { send: { mutate: (input: unknown) => mutation("tips.send", input) } },
  } as unknown as Pick<ApiClient, "gifts" | "tips">;
  return { api, mutation };
}

describe("sendToStream", () => {
  it("sends a gift with its key and reports the server's balance", async () => {
    const { api, mutation } = stubApi(async () => sent);
    await expect(sendToStream(api, giftAttempt, false)).resolves.toEqual({
      status: "sent",
      result: { balance: 4_995, coinsSpent: 5, diamonds: 2, handle: "nova", replayed: false },
    });
    expect(mutation).toHaveBeenCalledWith("gifts.send", {
      idempotencyKey: "key-00000001",
      to: { handle: "nova" },
      giftId: "heart",
      count: 1,
      message: null,
      confirm: false,
    });
  });

  it("sends a tip with its message through tips.send", async () => {
    const { api, mutation } = stubApi(async () => sent);
    await sendToStream(
      api,
      { ...giftAttempt, request: { kind: "tip", coins: 500, message: "hi" } },
      true,
    );
    expect(mutation).toHaveBeenCalledWith("tips.send", {
      idempotencyKey: "key-00000001",
      to: { handle: "nova" },
      coins: 500,
      message: "hi",
      confirm: true,
    });
  });

  it("sends a tip's sticker through tips.send", async () => {
    const { api, mutation } = stubApi(async () => sent);
    await sendToStream(
      api,
      {
        ...giftAttempt,
        request: { kind: "tip", coins: 50, message: null, stickerId: "sticker-fire" },
      },
      false,
    );
    expect(mutation).toHaveBeenCalledWith("tips.send", {
      idempotencyKey: "key-00000001",
      to: { handle: "nova" },
      coins: 50,
      message: null,
      stickerId: "sticker-fire",
      confirm: false,
    });
  });

  it("asks for confirmation when the API answers CONFIRMATION_REQUIRED", async () => {
    const error = apiError("PRECONDITION_FAILED", "CONFIRMATION_REQUIRED", "Confirm it to send.", {
      coins: 500,
    });
    const { api } = stubApi(async () => {
      throw TRPCClientError.from({ error: toErrorShape(error) });
    });
    await expect(sendToStream(api, giftAttempt, false)).resolves.toEqual({
      status: "needs-confirmation",
      coins: 500,
      message: "Confirm it to send.",
    });
  });

  it("passes the API's refusal on, final for this key", async () => {
    const error = apiError("BAD_REQUEST", "INSUFFICIENT_COINS", "You need 500 coins for this.");
    const { api } = stubApi(async () => {
      throw TRPCClientError.from({ error: toErrorShape(error) });
    });
    await expect(sendToStream(api, giftAttempt, false)).resolves.toEqual({
      status: "failed",
      error,
      retryable: false,
    });
  });

  it("marks a failure with an unknown outcome as retryable with the same key", async () => {
    const { api } = stubApi(async () => {
      throw new TypeError("Failed to fetch");
    });
    const outcome = await sendToStream(api, giftAttempt, false);
    expect(outcome).toMatchObject({
      status: "failed",
      retryable: true,
      error: { code: "NETWORK" },
    });
  });
});

describe("isRetryable", () => {
  it.each([
    ["NETWORK", null, true],
    ["INTERNAL_SERVER_ERROR", null, true],
    ["TOO_MANY_REQUESTS", null, true],
    ["BAD_REQUEST", "LIMIT_EXCEEDED", false],
    ["UNAUTHORIZED", null, false],
    ["INTERNAL_SERVER_ERROR", "OVERFLOW", false],
  ])("%s / %s -> %s", (code, domainCode, expected) => {
    expect(isRetryable(apiError(code, domainCode, "x"))).toBe(expected);
  });
});

describe("newIdempotencyKey", () => {
  it("gives a fresh key the API accepts (8-100 characters) each time", () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key.length).toBeGreaterThanOrEqual(8);
  });
});
