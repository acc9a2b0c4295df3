import { DomainError, DomainErrorCode } from "../errors.ts";
import type { SpendDenied } from "./check-spend.ts";

/**
 * Turns a refused spend into the `LIMIT_EXCEEDED` error the API throws: the message is the
 * denial's own, and `details` carry `reason`, `setBy`, `retryAt` (ISO 8601, or `null`) and
 * `remaining`, so a client can show a countdown without parsing text.
 */
export function toLimitExceededError(denied: SpendDenied): DomainError {
  return new DomainError(DomainErrorCode.LIMIT_EXCEEDED, denied.message, {
    reason: denied.reason,
    setBy: denied.setBy,
    retryAt: denied.retryAt?.toISOString() ?? null,
    remaining: { ...denied.remaining },
  });
}
