/*
 * A stand-in for the background in component tests: the real tRPC client over a link
 * that answers each procedure from a handler typed by the contract, and records every call.
 */
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { createBackgroundActions } from "../../messaging/api-client.ts";
import type { AuthRequest, AuthResult } from "../../messaging/contract.ts";
import { createApiClient } from "../../messaging/trpc-client.ts";
import { createFakeSend, type FakeSend, type Handlers } from "../../testing/fake-send.ts";
import { ApiProvider } from "../api-context.tsx";

export { apiError, FakeApiError, type Handlers } from "../../testing/fake-send.ts";

export interface FakeApi extends Omit<FakeSend, "send" | "link"> {
  readonly api: ReturnType<typeof createApiClient>;
  readonly background: ReturnType<typeof createBackgroundActions>;
}

export function fakeApi(
  handlers: Handlers,
  auth: (request: AuthRequest) => AuthResult | Promise<AuthResult> = () => ({
    ok: true,
    data: { user: { id: "u1", name: "Nova", email: "nova@demo.coinstream.local" } },
  }),
): FakeApi {
  const { send, link, ...recorded } = createFakeSend(handlers, auth);
  return { api: createApiClient(link), background: createBackgroundActions(send), ...recorded };
}

export const TEST_API_URL = "http://127.0.0.1:3000";

/** Renders `ui` with the fake client around it. */
export function renderWithApi(ui: ReactElement, fake: FakeApi, onSignedOut = vi.fn()) {
  return render(
    <ApiProvider
      api={fake.api}
      background={fake.background}
      apiUrl={TEST_API_URL}
      onSignedOut={onSignedOut}
    >
      {ui}
    </ApiProvider>,
  );
}
