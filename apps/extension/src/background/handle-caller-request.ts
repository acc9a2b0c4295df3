import type { ApiError, ApiRequest, ApiResult } from "../messaging/contract.ts";
import { type Caller, mayCall, SPEND_PROCEDURES, scopeInput } from "./access.ts";
import { type ApiDeps, handleApiRequest } from "./handle-api-request.ts";
import { needsWindowConfirmation, type SpendSummary, summarizeSpend } from "./spend-gate.ts";

export interface CallerApiDeps extends ApiDeps {
  /**
   * Asks the viewer in the extension's own confirmation window; true when they confirmed there
   * (with a real click), false when they cancelled, closed it or let it time out.
   */
  readonly confirmInWindow: (summary: SpendSummary, caller: Caller) => Promise<boolean>;
}

function refusal(code: string, domainCode: string | null, message: string): ApiResult<never> {
  const error: ApiError = { code, domainCode, message, details: {}, fieldErrors: {} };
  return { ok: false, error };
}

const FORBIDDEN = refusal(
  "FORBIDDEN",
  null,
  "This part of Coinstream cannot do that; use the Coinstream popup or dashboard.",
);

/**
 * A page's call (the `trpc` port) for whoever sent it: refused unless the caller's allowlist has the
 * procedure; a tab's stream targets scoped to that tab; the panel's spends never confirmed by
 * the panel itself (large ones, and those the API wants confirmed, go to the extension's window).
 */
export async function handleCallerApiRequest(
  caller: Caller,
  request: ApiRequest,
  deps: CallerApiDeps,
): Promise<ApiResult<unknown>> {
  if (typeof request?.path !== "string" || !mayCall(caller, request.path)) return FORBIDDEN;
  if (caller.kind !== "panel" && caller.kind !== "content") {
    return handleApiRequest(request, deps);
  }
  const input = scopeInput(request.path, request.input, caller.pageUrl);
  if (input === null) {
    return refusal("FORBIDDEN", null, "Gifts from this tab can only go to this page's creator.");
  }
  if (caller.kind === "content" || !SPEND_PROCEDURES.has(request.path)) {
    return handleApiRequest({ ...request, input }, deps);
  }
  if (request.kind !== "mutation") return FORBIDDEN;

  const summary = summarizeSpend(request.path, input, caller.pageUrl);
  if (summary === null) return refusal("BAD_REQUEST", null, "That gift or amount is not valid.");
  const unconfirmed = { ...request, input: { ...(input as object), confirm: false } };
  if (!needsWindowConfirmation(summary)) {
    const result = await handleApiRequest(unconfirmed, deps);
    if (result.ok || result.error.domainCode !== "CONFIRMATION_REQUIRED") return result;
  }
  if (!(await deps.confirmInWindow(summary, caller))) {
    return refusal(
      "CLIENT_CLOSED_REQUEST",
      "SPEND_CANCELLED",
      "Not sent: the spend was not confirmed in the Coinstream window.",
    );
  }
  return handleApiRequest({ ...request, input: { ...(input as object), confirm: true } }, deps);
}
