import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { NETWORK_MESSAGE, toApiError } from "./to-api-error.ts";

function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({
    error: { message, code: -32_600, data: { httpStatus: 400, path: "x.y", ...data } },
  });
}

describe("toApiError", () => {
  it("keeps the rulebook's code, details and message when the API sent a domain error", () => {
    const error = serverError("You have 3 coins; this gift costs 5.", {
      code: "PRECONDITION_FAILED",
      domainCode: "INSUFFICIENT_COINS",
      details: { balance: 3, required: 5 },
      fieldErrors: null,
    });
    expect(toApiError(error)).toEqual({
      code: "PRECONDITION_FAILED",
      domainCode: "INSUFFICIENT_COINS",
      message: "You have 3 coins; this gift costs 5.",
      details: { balance: 3, required: 5 },
      fieldErrors: {},
    });
  });

  it("replaces zod's JSON message with the first field error when input was invalid", () => {
    const error = serverError('[{"code":"too_small","path":["limit"]}]', {
      code: "BAD_REQUEST",
      domainCode: null,
      details: null,
      fieldErrors: { limit: ["Too small: expected number to be >=1"], cursor: undefined },
    });
    const mapped = toApiError(error);
    expect(mapped.message).toBe("Too small: expected number to be >=1");
    expect(mapped.fieldErrors).toEqual({ limit: ["Too small: expected number to be >=1"] });
    expect(mapped.domainCode).toBeNull();
  });

  it("reports NETWORK with a friendly sentence when fetch never got an answer", () => {
    const error = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(toApiError(error)).toMatchObject({ code: "NETWORK", message: NETWORK_MESSAGE });
    expect(
      toApiError(new TypeError("NetworkError when attempting to fetch resource.")),
    ).toMatchObject({ code: "NETWORK" });
  });

  it("maps an HTTP error without a tRPC body (the rate limiter's 429) by its status", () => {
    const error = new TRPCClientError("Unable to transform response from server", {
      meta: {
        response: { status: 429 },
        responseJSON: { error: "RATE_LIMITED", message: "Too many requests from this address." },
      },
    });
    expect(toApiError(error)).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "Too many requests from this address.",
    });
  });

  it("falls back to a generic server error for anything else", () => {
    expect(toApiError(new Error("boom"))).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      domainCode: null,
    });
    expect(toApiError("string thrown")).toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
  });
});
