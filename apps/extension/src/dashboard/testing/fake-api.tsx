/*
 * A stand-in for the background in component tests: the real tRPC client over a link
 * that answers each procedure from a handler typed by the contract, and records every call.
 */
import { render } from "@testing-library/react";
import type { JSX, ReactElement } from "react";
import { vi } from "vitest";
import { createBackgroundActions } from "../../messaging/api-client.ts";
import type {
  AuthRequest,
  AuthResult,
  StreamEventMessage,
  StreamPortMessage,
} from "../../messaging/contract.ts";
import { createApiClient } from "../../messaging/trpc-client.ts";
import { createFakeSend, type FakeSend, type Handlers } from "../../testing/fake-send.ts";
import { ApiProvider, type FollowStream } from "../api-context.tsx";
import type { SectionProps } from "../types.ts";
import { sectionProps } from "./fixtures.ts";

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

/** A stand-in for the background's `stream` port: who is followed, and events to push. */
export function fakeStream() {
  const listeners = new Map<string, Set<(message: StreamPortMessage) => void>>();
  const follows: string[] = [];
  const followStream: FollowStream = (handle, onMessage) => {
    follows.push(handle);
    const set = listeners.get(handle) ?? new Set();
    set.add(onMessage);
    listeners.set(handle, set);
    return () => set.delete(onMessage);
  };
  const push = (handle: string, message: StreamPortMessage) => {
    for (const listener of listeners.get(handle) ?? []) listener(message);
  };
  return {
    followStream,
    follows,
    push,
    following: (handle: string) => listeners.get(handle)?.size ?? 0,
    gift: (handle: string, overrides: Partial<StreamEventMessage> = {}) =>
      push(handle, {
        type: "event",
        event: {
          id: String(Math.random()),
          kind: "gift",
          creatorHandle: handle,
          viewerName: "Alex",
          coins: 30,
          giftId: "rose",
          count: 1,
          comboCount: 1,
          comboId: null,
          message: null,
          at: new Date().toISOString(),
          ...overrides,
        },
      }),
  };
}

/** Renders `ui` with the fake client around it. */
export function renderWithApi(
  ui: ReactElement,
  fake: FakeApi,
  onSignedOut = vi.fn(),
  followStream?: FollowStream,
) {
  return render(
    <ApiProvider
      api={fake.api}
      background={fake.background}
      apiUrl={TEST_API_URL}
      onSignedOut={onSignedOut}
      followStream={followStream}
    >
      {ui}
    </ApiProvider>,
  );
}

/** Renders a dashboard section over a fake client answering `handlers`; returns the fake. */
export function renderSection(
  Section: (props: SectionProps) => JSX.Element,
  handlers: Handlers,
  props: Partial<SectionProps> = {},
): FakeApi {
  const fake = fakeApi(handlers);
  renderWithApi(<Section {...sectionProps(props)} />, fake);
  return fake;
}
