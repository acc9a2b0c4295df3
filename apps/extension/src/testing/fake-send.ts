/*
 * The background as component tests see it: a `send` that answers each procedure from a handler
 * typed by the contract and records every call, for the real `createApiClient` to run over.
 */
import type { SendMessage } from "../messaging/api-client.ts";
import type {
  ApiError,
  ApiRequest,
  AuthRequest,
  AuthResult,
  InputOf,
  OutputOf,
  ProcedurePath,
} from "../messaging/contract.ts";

export type Handlers = {
  [P in ProcedurePath]?: (input: InputOf<P>) => OutputOf<P> | Promise<OutputOf<P>>;
};

/** Thrown by a handler to answer with an API error. */
export class FakeApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function apiError(
  code: string,
  domainCode: string | null,
  message: string,
  extra: Partial<Pick<ApiError, "details" | "fieldErrors">> = {},
): FakeApiError {
  return new FakeApiError({
    code,
    domainCode,
    message,
    details: extra.details ?? {},
    fieldErrors: extra.fieldErrors ?? {},
  });
}

export interface FakeSend {
  readonly send: SendMessage;
  readonly calls: ApiRequest[];
  readonly authCalls: AuthRequest[];
  /** The inputs of every call to `path`, in order. */
  readonly inputsOf: <P extends ProcedurePath>(path: P) => InputOf<P>[];
}

/** Answers `api` from `handlers` (NOT_FOUND for a path without one), `auth` from `auth`. */
export function createFakeSend(
  handlers: Handlers,
  auth: (request: AuthRequest) => AuthResult | Promise<AuthResult>,
): FakeSend {
  const calls: ApiRequest[] = [];
  const authCalls: AuthRequest[] = [];
  const send = (async (name: string, body: unknown) => {
    if (name === "auth") {
      authCalls.push(body as AuthRequest);
      return auth(body as AuthRequest);
    }
    if (name === "open-tab") return { ok: true, data: null };
    const request = body as ApiRequest;
    calls.push(request);
    const handler = handlers[request.path] as ((input: unknown) => unknown) | undefined;
    if (!handler) {
      const error = apiError("NOT_FOUND", null, `no fake for ${request.path}`).error;
      return { ok: false, error };
    }
    try {
      return { ok: true, data: await handler(request.input) };
    } catch (caught) {
      if (caught instanceof FakeApiError) return { ok: false, error: caught.error };
      throw caught;
    }
  }) as SendMessage;
  return {
    send,
    calls,
    authCalls,
    inputsOf: <P extends ProcedurePath>(path: P) =>
      calls.filter((call) => call.path === path).map((call) => call.input as InputOf<P>),
  };
}
