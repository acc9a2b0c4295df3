/*
 * A stand-in for the background in component tests: the real `createApiClient` over a `send`
 * that answers each procedure from a handler typed by the contract, and records every call.
 */
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { createApiClient, type SendMessage } from "../../messaging/api-client.ts";
import type {
  ApiError,
  ApiRequest,
  AuthRequest,
  AuthResult,
  InputOf,
  OutputOf,
  ProcedurePath,
} from "../../messaging/contract.ts";
import { ApiProvider } from "../api-context.tsx";

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

export interface FakeApi {
  readonly api: ReturnType<typeof createApiClient>;
  readonly calls: ApiRequest[];
  readonly authCalls: AuthRequest[];
  /** The inputs of every call to `path`, in order. */
  readonly inputsOf: <P extends ProcedurePath>(path: P) => InputOf<P>[];
}

export function fakeApi(
  handlers: Handlers,
  auth: (request: AuthRequest) => AuthResult | Promise<AuthResult> = () => ({
    ok: true,
    data: { user: { id: "u1", name: "Nova", email: "nova@demo.coinstream.local" } },
  }),
): FakeApi {
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
      return {
        ok: false,
        error: {
          code: "NOT_FOUND",
          domainCode: null,
          message: `no fake for ${request.path}`,
          details: {},
          fieldErrors: {},
        },
      };
    }
    try {
      return { ok: true, data: await handler(request.input) };
    } catch (error) {
      if (error instanceof FakeApiError) return { ok: false, error: error.error };
      throw error;
    }
  }) as SendMessage;
  return {
    api: createApiClient(send),
    calls,
    authCalls,
    inputsOf: <P extends ProcedurePath>(path: P) =>
      calls.filter((call) => call.path === path).map((call) => call.input as InputOf<P>),
  };
}

export const TEST_API_URL = "http://127.0.0.1:3000";

/** Renders `ui` with the fake client around it. */
export function renderWithApi(ui: ReactElement, fake: FakeApi, onSignedOut = vi.fn()) {
  return render(
    <ApiProvider api={fake.api} apiUrl={TEST_API_URL} onSignedOut={onSignedOut}>
      {ui}
    </ApiProvider>,
  );
}
