import { vi } from "vitest";
import type { SendMessage } from "../../messaging/api-client.ts";
import type {
  ApiError,
  ApiRequest,
  AuthRequest,
  AuthResult,
  Messages,
} from "../../messaging/contract.ts";
import { FakeApiError, fakeLink } from "../../testing/fake-send.ts";

type ApiHandler = (input: unknown, request: ApiRequest) => unknown;

/** An error as the background would hand it over. */
export function apiError(code: string, message: string, extra: Partial<ApiError> = {}): ApiError {
  return { code, domainCode: null, message, details: {}, fieldErrors: {}, ...extra };
}

/** Thrown from a fake handler to answer `{ ok: false, error }`. */
export class FakeApiFailure {
  constructor(readonly error: ApiError) {}
}

export const WALLET = {
  coins: 5_000,
  reservedCoins: 0,
  lifetimeGiftedCoins: 40,
  level: {
    level: 5,
    badge: "bronze",
    currentThresholdCoins: 30,
    nextThresholdCoins: 50,
    coinsToNextLevel: 10,
    progressBps: 5_000,
  },
};

function offer(packId: string, coins: number, priceMinor: number, priceLabel: string) {
  return {
    packId,
    coins,
    priceMinor,
    perCoinMicroMinor: Math.round((priceMinor * 1_000_000) / coins),
    savingsBps: packId === "coins-500" ? 964 : 0,
    per100CoinsLabel: `${priceLabel} per ${coins} coins`,
    quote: {
      packId,
      currency: "USD",
      priceMinor,
      priceLabel,
      baseCoins: coins,
      bonusCoins: coins / 10,
      totalCoins: coins + coins / 10,
      applied: [{ source: "first-purchase", bonusCoins: coins / 10 }],
      betterPack: null,
      rateCardVersion: "2026-11",
    },
  };
}

export const FIRST_PURCHASE_PROMOTION = {
  id: "first-purchase",
  name: "First purchase bonus",
  kind: "percent" as const,
  bonusBps: 1_000,
  maxBonusCoins: null,
  bonusCoins: null,
  packIds: null,
  regions: null,
  startsAt: "1970-01-01T00:00:00.000Z",
  endsAt: null,
  perAccountLimit: 1,
  firstPurchaseOnly: true,
};

export const PACKS = {
  region: "US",
  offers: [offer("coins-100", 100, 199, "$1.99"), offer("coins-500", 500, 899, "$8.99")],
  promotions: [FIRST_PURCHASE_PROMOTION],
};

/**
 * A stand-in for the background worker: `auth` signs in the one test user, the tRPC `link`
 * answers from `handlers` keyed by procedure path. Every request is recorded.
 */
export function createFakeBackground(handlers: Record<string, ApiHandler> = {}) {
  const user = { id: "u1", name: "Vera", email: "vera@example.com" };
  const state = { signedIn: false };
  const apiCalls: ApiRequest[] = [];
  const authCalls: AuthRequest[] = [];
  const openedTabs: string[] = [];
  const defaults: Record<string, ApiHandler> = {
    "wallet.get": () => WALLET,
    "store.packs": () => PACKS,
    "store.purchases": () => [],
    "wallet.history": () => ({ items: [], nextCursor: null }),
    "limits.get": () => ({ viewer: null, guardian: null, pending: [] }),
    "support.list": () => ({ tier: "standard", expectedAnswerHours: 72, tickets: [] }),
  };
  let authHandler: (request: AuthRequest) => AuthResult | undefined = () => undefined;

  const send = vi.fn(async (name: keyof Messages, body: unknown) => {
    if (name === "auth") {
      const request = body as AuthRequest;
      authCalls.push(request);
      const custom = authHandler(request);
      if (custom) return custom;
      if (request.action === "status")
        return { ok: true, data: { user: state.signedIn ? user : null } };
      if (request.action === "signIn") {
        state.signedIn = true;
        return { ok: true, data: { user } };
      }
      if (request.action === "signOut") {
        state.signedIn = false;
        return { ok: true, data: { user: null } };
      }
      return { ok: true, data: { user: null, verificationSent: true } };
    }
    if (name === "open-tab") {
      openedTabs.push((body as { url: string }).url);
      return { ok: true, data: null };
    }
    return { ok: false, error: apiError("NOT_FOUND", `No message ${String(name)}`) };
  });
  const link = fakeLink(apiCalls, async (request) => {
    const handler = handlers[request.path] ?? defaults[request.path];
    if (!handler) throw new FakeApiError(apiError("NOT_FOUND", `No fake for ${request.path}`));
    try {
      return await handler(request.input, request);
    } catch (caught) {
      if (caught instanceof FakeApiFailure) throw new FakeApiError(caught.error);
      throw caught;
    }
  });

  return {
    send: send as unknown as SendMessage,
    link,
    state,
    apiCalls,
    authCalls,
    openedTabs,
    onAuth: (handler: typeof authHandler) => {
      authHandler = handler;
    },
    callsTo: (path: string) => apiCalls.filter((call) => call.path === path),
  };
}
