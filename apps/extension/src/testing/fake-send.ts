/*
 * The background as component tests see it: a tRPC link that answers each procedure from a
 * handler typed by the contract and records every call, for the real tRPC client to run over,
 * and a `send` for the background's other messages (auth, open-tab).
 */
import type { AppRouter } from "@coinstream/api";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { SendMessage } from "../messaging/api-client.ts";
import { toErrorShape } from "../messaging/api-error.ts";
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

/**
 * A link that answers each operation with `answer` (its data, or a thrown FakeApiError as the
 * background's typed error), after recording it in `calls`.
 */
export function fakeLink(
  calls: ApiRequest[],
  answer: (request: ApiRequest) => unknown,
): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        const request = {
          path: op.path as ProcedurePath,
          kind: op.type as "query" | "mutation",
          input: op.input,
        };
        calls.push(request);
        Promise.resolve()
          .then(() => answer(request))
          .then(
            (data) => {
              // As the port delivers it: a copy, never the handler's own (mutable) object.
              const copy = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
              observer.next({ result: { type: "data", data: copy } });
              observer.complete();
            },
            (caught: unknown) => {
              if (caught instanceof FakeApiError) {
                observer.error(
                  TRPCClientError.from({ error: toErrorShape(caught.error, request.path) }),
                );
              } else observer.error(TRPCClientError.from(caught as Error));
            },
          );
      });
}

export interface FakeSend {
  readonly send: SendMessage;
  readonly link: TRPCLink<AppRouter>;
  readonly calls: ApiRequest[];
  readonly authCalls: AuthRequest[];
  /** The inputs of every call to `path`, in order. */
  readonly inputsOf: <P extends ProcedurePath>(path: P) => InputOf<P>[];
}

/** Answers API calls from `handlers` (NOT_FOUND for a path without one), `auth` from `auth`. */
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
    return { ok: true, data: null };
  }) as SendMessage;
  const link = fakeLink(calls, (request) => {
    const handler = handlers[request.path] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw apiError("NOT_FOUND", null, `no fake for ${request.path}`);
    return handler(request.input);
  });
  return {
    send,
    link,
    calls,
    authCalls,
    inputsOf: <P extends ProcedurePath>(path: P) =>
      calls.filter((call) => call.path === path).map((call) => call.input as InputOf<P>),
  };
}
