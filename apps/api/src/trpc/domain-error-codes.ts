import type { DomainErrorCode } from "@coinstream/core";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/** How each rulebook error reaches a client: one table, used by the error middleware. */
export const TRPC_CODE_FOR: Readonly<Record<DomainErrorCode, TRPC_ERROR_CODE_KEY>> = {
  INVALID_INPUT: "BAD_REQUEST",
  OVERFLOW: "BAD_REQUEST",
  UNKNOWN_GIFT: "NOT_FOUND",
  UNKNOWN_PACK: "NOT_FOUND",
  UNKNOWN_CREATOR: "NOT_FOUND",
  UNSUPPORTED_CURRENCY: "BAD_REQUEST",
  INSUFFICIENT_COINS: "PRECONDITION_FAILED",
  LIMIT_EXCEEDED: "TOO_MANY_REQUESTS",
  CONFIRMATION_REQUIRED: "PRECONDITION_FAILED",
  NOT_ELIGIBLE: "FORBIDDEN",
  IDEMPOTENCY_CONFLICT: "CONFLICT",
  FORBIDDEN_CHANGE: "FORBIDDEN",
};
