import { toErrorShape } from "../messaging/api-error.ts";
import type {
  ApiRequest,
  ProcedurePath,
  TrpcPortRequest,
  TrpcPortResponse,
} from "../messaging/contract.ts";
import type { Caller } from "./access.ts";
import { type CallerApiDeps, handleCallerApiRequest } from "./handle-caller-request.ts";

/**
 * One operation from a page's `trpc` port, run for the context that sent it: the caller's
 * allowlist, the tab scoping and the spend guard (handleCallerApiRequest) decide, the background's
 * client (with the token) calls the API, and the answer goes back as data or tRPC's error shape.
 */
export async function relayTrpcRequest(
  caller: Caller,
  request: TrpcPortRequest,
  deps: CallerApiDeps,
): Promise<TrpcPortResponse | null> {
  if (typeof request?.id !== "number") return null;
  const apiRequest: ApiRequest = {
    path: request.path as ProcedurePath,
    kind: request.type,
    input: request.input,
  };
  const result = await handleCallerApiRequest(caller, apiRequest, deps);
  return result.ok
    ? { id: request.id, result: { data: result.data } }
    : { id: request.id, error: toErrorShape(result.error, String(request.path)) };
}
