/*
 * A stand-in for the background in component tests: the real `createApiClient` over a `send`
 * that answers each procedure from a handler typed by the contract, and records every call.
 */
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { createApiClient } from "../../messaging/api-client.ts";
import type { AuthRequest, AuthResult } from "../../messaging/contract.ts";
import { createFakeSend, type FakeSend, type Handlers } from "../../testing/fake-send.ts";
import { ApiProvider } from "../api-context.tsx";

export { apiError, FakeApiError, type Handlers } from "../../testing/fake-send.ts";

export interface FakeApi extends Omit<FakeSend, "send"> {
  readonly api: ReturnType<typeof createApiClient>;
}

export function fakeApi(
  handlers: Handlers,
  auth: (request: AuthRequest) => AuthResult | Promise<AuthResult> = () => ({
    ok: true,
    data: { user: { id: "u1", name: "Nova", email: "nova@demo.coinstream.local" } },
  }),
): FakeApi {
  const { send, ...recorded } = createFakeSend(handlers, auth);
  return { api: createApiClient(send), ...recorded };
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
