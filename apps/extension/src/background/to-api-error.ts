import type { ApiError } from "../messaging/contract.ts";

export const NETWORK_MESSAGE =
  "Coinstream can't be reached right now. Check your connection and try again.";

/** Sentences for errors that carry no usable message of their own. */
const FALLBACK_MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHORIZED: "Your session has ended. Sign in again to continue.",
  TOO_MANY_REQUESTS: "Too many requests in a short time. Wait a moment and try again.",
  PAYLOAD_TOO_LARGE: "That request was too large to send.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Try again in a moment.",
  BAD_GATEWAY: "Coinstream is having trouble right now. Try again in a moment.",
  SERVICE_UNAVAILABLE: "Coinstream is having trouble right now. Try again in a moment.",
  GATEWAY_TIMEOUT: "Coinstream took too long to answer. Try again in a moment.",
  TIMEOUT: "Coinstream took too long to answer. Try again in a moment.",
  BAD_REQUEST: "That request was not valid.",
};

const CODE_FOR_STATUS: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

export function codeForStatus(status: number): string {
  return CODE_FOR_STATUS[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST");
}

export function networkError(): ApiError {
  return {
    code: "NETWORK",
    domainCode: null,
    message: NETWORK_MESSAGE,
    details: {},
    fieldErrors: {},
  };
}

/** fetch rejects with a TypeError when the request never got an answer (offline, refused, CORS). */
export function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof Error && (error.name === "TypeError" || error.name === "NetworkError"))
  );
}

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** zod's flattened field errors without the empty entries. */
function cleanFieldErrors(value: unknown): Record<string, readonly string[]> {
  if (!isRecord(value)) return {};
  const out: Record<string, readonly string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    if (!Array.isArray(messages)) continue;
    const texts = messages.filter((m): m is string => typeof m === "string" && m.length > 0);
    if (texts.length > 0) out[field] = texts;
  }
  return out;
}

/** zod puts its issue list, as JSON, into the message; nobody should read that. */
function looksLikeJson(message: string): boolean {
  const start = message.trimStart()[0];
  return start === "[" || start === "{";
}

function firstFieldMessage(fieldErrors: Record<string, readonly string[]>): string | null {
  for (const messages of Object.values(fieldErrors)) {
    if (messages[0]) return messages[0];
  }
  return null;
}

/**
 * Maps anything a tRPC call can throw to the contract's ApiError: the server's shaped error (tRPC
 * code, the rulebook's domainCode, details, field errors), an HTTP error with no tRPC body (the
 * rate limiter's 429, a proxy's 502), or a request that never got an answer (NETWORK).
 */
export function toApiError(error: unknown): ApiError {
  if (isRecord(error) && isRecord(error.data) && typeof error.data.code === "string") {
    const data = error.data;
    const code = data.code as string;
    const fieldErrors = cleanFieldErrors(data.fieldErrors);
    const raw = typeof error.message === "string" ? error.message : "";
    const message =
      raw && !looksLikeJson(raw)
        ? raw
        : (firstFieldMessage(fieldErrors) ?? FALLBACK_MESSAGES[code] ?? "That did not work.");
    return {
      code,
      domainCode: typeof data.domainCode === "string" ? data.domainCode : null,
      message,
      details: isRecord(data.details) ? data.details : {},
      fieldErrors,
    };
  }
  const cause = isRecord(error) ? error.cause : undefined;
  if (isNetworkFailure(error) || isNetworkFailure(cause)) return networkError();
  const response = isRecord(error) && isRecord(error.meta) ? error.meta.response : undefined;
  if (isRecord(response) && typeof response.status === "number") {
    const code = codeForStatus(response.status);
    const body = isRecord(error) && isRecord(error.meta) ? error.meta.responseJSON : undefined;
    const bodyMessage = isRecord(body) && typeof body.message === "string" ? body.message : null;
    return {
      code,
      domainCode: null,
      message: bodyMessage ?? FALLBACK_MESSAGES[code] ?? "Something went wrong. Try again.",
      details: {},
      fieldErrors: {},
    };
  }
  if (error instanceof Error && error.name === "AbortError") {
    return { ...networkError(), code: "TIMEOUT", message: FALLBACK_MESSAGES.TIMEOUT as string };
  }
  return {
    code: "INTERNAL_SERVER_ERROR",
    domainCode: null,
    message: FALLBACK_MESSAGES.INTERNAL_SERVER_ERROR as string,
    details: {},
    fieldErrors: {},
  };
}
