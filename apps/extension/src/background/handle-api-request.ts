import type { AppRouter } from "@coinstream/api";
import { getUntypedClient, type TRPCClient } from "@trpc/client";
import type { ApiRequest, ApiResult } from "../messaging/contract.ts";
import type { SessionStore } from "./session-store.ts";
import { toApiError } from "./to-api-error.ts";

export interface ApiDeps {
  readonly client: TRPCClient<AppRouter>;
  readonly sessions: SessionStore;
}

const PROCEDURE_PATH = /^[a-zA-Z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$/;

function badRequest(message: string): ApiResult<never> {
  return {
    ok: false,
    error: { code: "BAD_REQUEST", domainCode: null, message, details: {}, fieldErrors: {} },
  };
}

/**
 * One tRPC query or mutation (relayed from a page's `trpc` port) with the session's bearer token. Errors come back
 * as the contract's ApiError; an UNAUTHORIZED answer means the session is gone, so it is forgotten.
 */
export async function handleApiRequest(
  request: ApiRequest,
  deps: ApiDeps,
): Promise<ApiResult<unknown>> {
  if (typeof request?.path !== "string" || !PROCEDURE_PATH.test(request.path)) {
    return badRequest("Unknown procedure.");
  }
  if (request.kind !== "query" && request.kind !== "mutation") {
    return badRequest("Only queries and mutations can be sent; follow streams through the port.");
  }
  const client = getUntypedClient(deps.client);
  try {
    const data =
      request.kind === "query"
        ? await client.query(request.path, request.input)
        : await client.mutation(request.path, request.input);
    return { ok: true, data };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === "UNAUTHORIZED") await deps.sessions.clear();
    return { ok: false, error: apiError };
  }
}
