/*
 * Stand-ins for the extension in the gift bar's component tests: the real tRPC client
 * over a link that answers each procedure from a handler typed by the contract, an in-memory
 * hidden-sites store, and a stream follower the test feeds events into.
 */
import { formatExactDiamonds, levelForCoins, RATE_CARD } from "@coinstream/core";
import { createBackgroundActions } from "../../messaging/api-client.ts";
import type {
  ApiRequest,
  AuthResult,
  InputOf,
  ProcedurePath,
  StreamEventMessage,
  StreamPortMessage,
} from "../../messaging/contract.ts";
import { createApiClient } from "../../messaging/trpc-client.ts";
import { createFakeSend, type Handlers } from "../../testing/fake-send.ts";
import type { GiftBarServices, PageWindow } from "../components/gift-bar-app.tsx";
import { createHiddenSites, type KeyValueStore } from "../lib/hidden-sites.ts";

export { apiError, FakeApiError } from "../../testing/fake-send.ts";

export const SIGNED_IN: AuthResult = {
  ok: true,
  data: { user: { id: "u1", name: "Ada", email: "viewer@demo.coinstream.local" } },
};
export const SIGNED_OUT: AuthResult = { ok: true, data: { user: null } };

type Recipient = InputOf<"tips.send">["to"];

/** The handle a send names, or the demo's @nova when it names the stream by URL. */
const handleOf = (to: Recipient) => ("handle" in to ? to.handle : "nova");

/** What `count` of the gift `giftId` costs on the rate card. */
const giftCoins = (giftId: string, count: number) =>
  (RATE_CARD.gifts.find((gift) => gift.id === giftId)?.coins ?? 1) * count;

/** The API's answer to a gift or a tip of `coins` to `to`, paid from the demo's 5,000 coins. */
function paidAnswer(transferId: string, to: Recipient, coins: number) {
  return {
    transferId,
    replayed: false,
    coinsSpent: coins,
    balance: 5_000 - coins,
    creator: { handle: handleOf(to), diamonds: Math.floor(coins / 2) },
    rateCardVersion: RATE_CARD.version,
    paidAt: "2026-12-01T20:00:00.000Z",
  };
}

/** The demo world: @nova can receive gifts, the viewer has 5,000 coins, a goal is running. */
export function demoHandlers(): Handlers {
  return {
    "streams.resolve": (to) => ({
      found: true as const,
      creator: {
        handle: handleOf(to),
        channel: null,
        canReceive: true,
        reasons: [],
      },
    }),
    "gifts.catalog": () => ({ rateCardVersion: RATE_CARD.version, gifts: [...RATE_CARD.gifts] }),
    "gifts.preview": ({ giftId, count }) => {
      const coins = giftCoins(giftId, count);
      const diamonds = Math.floor(coins / 2);
      return {
        coins,
        shareBps: 5_000,
        diamonds,
        exactDiamonds: formatExactDiamonds(coins, 5_000),
        platformFeeCoins: coins - diamonds,
        cashValueUsdMinor: diamonds,
        label: "",
        rateCardVersion: RATE_CARD.version,
      };
    },
    "wallet.get": () => ({
      coins: 5_000,
      reservedCoins: 0,
      lifetimeGiftedCoins: 0,
      level: levelForCoins(0),
    }),
    "streams.leaderboard": () => ({
      period: "live" as const,
      entries: [{ rank: 1, name: "Grace", coins: 1_200, gifts: 3 }],
    }),
    "sessions.current": ({ handle }) => ({
      handle,
      live: true as const,
      session: {
        id: "s1",
        title: "Late show",
        startedAt: "2026-11-20T20:00:00.000Z",
        endedAt: null,
        startedBy: "manual" as const,
        endedBy: null,
        coins: 1_200,
        goal: { title: "New camera", targetCoins: 5_000, progressCoins: 1_200, reached: false },
      },
    }),
    "gifts.send": ({ to, count, giftId }) => paidAnswer("t1", to, giftCoins(giftId, count)),
    "tips.send": ({ to, coins }) => paidAnswer("t2", to, coins),
  };
}

/** An in-memory stand-in for @plasmohq/storage, with watch like chrome.storage.onChanged. */
export function memoryStore(): KeyValueStore & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const watchers = new Set<Record<string, (change: { newValue?: unknown }) => void>>();
  const notify = (key: string) => {
    for (const callbacks of watchers) callbacks[key]?.({ newValue: data.get(key) });
  };
  return {
    data,
    async get<T>(key: string) {
      return data.get(key) as T | undefined;
    },
    async set(key, value) {
      data.set(key, value);
      notify(key);
      return null;
    },
    async remove(key) {
      data.delete(key);
      notify(key);
    },
    watch(callbacks) {
      watchers.add(callbacks);
      return true;
    },
    unwatch(callbacks) {
      return watchers.delete(callbacks);
    },
  };
}

export interface FakeServices {
  readonly services: GiftBarServices;
  readonly calls: ApiRequest[];
  readonly inputsOf: <P extends ProcedurePath>(path: P) => InputOf<P>[];
  readonly store: ReturnType<typeof memoryStore>;
  /** Who the stream follower was asked to follow, in order. */
  readonly followed: (string | null)[];
  /** Delivers a message as the background's `stream` port would. */
  readonly emit: (message: StreamPortMessage) => void;
  setAuth(result: AuthResult): void;
}

export function fakeServices(
  handlers: Handlers = demoHandlers(),
  options: { auth?: AuthResult; store?: ReturnType<typeof memoryStore>; win?: PageWindow } = {},
): FakeServices {
  let auth = options.auth ?? SIGNED_IN;
  let key = 0;
  const { send, link, calls, inputsOf } = createFakeSend(handlers, () => auth);

  const store = options.store ?? memoryStore();
  const followed: (string | null)[] = [];
  let listener: (message: StreamPortMessage) => void = () => {};
  // Like the real follower: following whom it already follows (nobody, at first) is a no-op.
  let following: string | null = null;
  const services: GiftBarServices = {
    api: createApiClient(link),
    background: createBackgroundActions(send),
    hiddenSites: createHiddenSites(store),
    openSites: createHiddenSites(store, "open"),
    openStream: (onMessage) => {
      listener = onMessage;
      return {
        follow: (handle) => {
          if (handle === following) return;
          following = handle;
          followed.push(handle);
        },
        close: () => {},
      };
    },
    win: options.win ?? window,
    now: () => Date.now(),
    newKey: () => `test-key-${++key}`,
  };
  return {
    services,
    calls,
    inputsOf,
    store,
    followed,
    emit: (message) => listener(message),
    setAuth: (result) => {
      auth = result;
    },
  };
}

let eventId = 100;
/** A stream event as the API publishes it. */
export function streamEvent(extra: Partial<StreamEventMessage> = {}): StreamEventMessage {
  const id = String(eventId++);
  return {
    id,
    kind: "gift",
    creatorHandle: "nova",
    viewerName: "Grace",
    viewerStyle: null,
    coins: 1,
    giftId: "rose",
    count: 1,
    comboCount: 1,
    comboId: id,
    message: null,
    at: new Date().toISOString(),
    ...extra,
  };
}
