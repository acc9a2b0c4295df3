import { APIError } from "better-auth/api";

/**
 * A refusal a person fixes in one form field: Better Auth's `{ code, message }` error body plus
 * `field`, the request body's key it concerns, so a client puts the message next to that field
 * without reading its words. `extra` adds facts the client needs (a version to accept...).
 */
export function fieldError(
  field: string,
  code: string,
  message: string,
  extra: Readonly<Record<string, unknown>> = {},
): APIError {
  return new APIError("BAD_REQUEST", { ...extra, code, message, field });
}
