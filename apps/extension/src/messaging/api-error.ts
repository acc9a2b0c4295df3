import type { ApiError, TrpcErrorShape } from "./contract.ts";

/** tRPC's JSON-RPC codes and HTTP statuses for the codes the extension meets. */
const JSON_RPC_CODE: Readonly<Record<string, number>> = {
  PARSE_ERROR: -32700,
  BAD_REQUEST: -32600,
  INTERNAL_SERVER_ERROR: -32603,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  METHOD_NOT_SUPPORTED: -32005,
  TIMEOUT: -32008,
  CONFLICT: -32009,
  PRECONDITION_FAILED: -32012,
  PAYLOAD_TOO_LARGE: -32013,
  UNPROCESSABLE_CONTENT: -32022,
  TOO_MANY_REQUESTS: -32029,
  CLIENT_CLOSED_REQUEST: -32099,
};

const HTTP_STATUS: Readonly<Record<string, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  CLIENT_CLOSED_REQUEST: 499,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
  // The API could not be reached: no status at all.
  NETWORK: 0,
};

/** The background's ApiError in tRPC's error shape, as the `trpc` port answers it. */
export function toErrorShape(error: ApiError, path?: string): TrpcErrorShape {
  return {
    message: error.message,
    code: JSON_RPC_CODE[error.code] ?? -32603,
    data: {
      code: error.code,
      httpStatus: HTTP_STATUS[error.code] ?? 500,
      ...(path ? { path } : {}),
      domainCode: error.domainCode,
      details: error.details,
      fieldErrors: error.fieldErrors,
    },
  };
}

/**
 * A TRPCClientError, or the gift bar's PortCallError typed the same way, told apart by name so
 * that pages without the tRPC client (the launcher) need not load it to check.
 */
export function isApiCallError(error: unknown): error is Error & { data: unknown } {
  return error instanceof Error && error.name === "TRPCClientError" && "data" in error;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What a page's tRPC call failed with, as the contract's ApiError: the typed data of a
 * TRPCClientError (tRPC code, the rulebook's domainCode, details, field errors); anything else
 * (a bug in the page) as an internal error.
 */
export function apiErrorOf(error: unknown): ApiError {
  if (isApiCallError(error) && isRecord(error.data) && typeof error.data.code === "string") {
    const data = error.data as Partial<TrpcErrorShape["data"]>;
    return {
      code: data.code as string,
      domainCode: typeof data.domainCode === "string" ? data.domainCode : null,
      message: error.message,
      details: isRecord(data.details) ? data.details : {},
      fieldErrors: (isRecord(data.fieldErrors) ? data.fieldErrors : {}) as ApiError["fieldErrors"],
    };
  }
  return {
    code: "INTERNAL_SERVER_ERROR",
    domainCode: null,
    message: "Something went wrong on our side. Try again in a moment.",
    details: {},
    fieldErrors: {},
  };
}
