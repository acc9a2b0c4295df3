import type { ApiClient } from "../../messaging/api-client.ts";
import { apiErrorOf, isApiCallError } from "../../messaging/api-error.ts";
import type { ApiError } from "../../messaging/contract.ts";
import type { StreamTarget } from "./page-target.ts";

/** What the viewer asked to send. */
export type SendRequest =
  | {
      readonly kind: "gift";
      readonly giftId: string;
      readonly count: number;
      readonly message: string | null;
    }
  | {
      readonly kind: "tip";
      readonly coins: number;
      readonly message: string | null;
      /** An owned sticker shown with the tip on stream, or null. */
      readonly stickerId?: string | null;
    };

/** One send: the request, where it goes and its idempotency key (kept across retries). */
export interface SendAttempt {
  readonly request: SendRequest;
  readonly to: StreamTarget;
  readonly idempotencyKey: string;
}

export interface SentResult {
  readonly balance: number;
  readonly coinsSpent: number;
  readonly diamonds: number;
  readonly handle: string;
  /** The API had this key already and answered with the first result. */
  readonly replayed: boolean;
}

export type SendOutcome =
  | { readonly status: "sent"; readonly result: SentResult }
  | {
      readonly status: "needs-confirmation";
      readonly coins: number | null;
      readonly message: string;
    }
  | { readonly status: "failed"; readonly error: ApiError; readonly retryable: boolean };

/**
 * Error codes after which the API may or may not have moved the coins: retry with the same key
 * (the API answers a repeat with the first result). Every other refusal is final for that key.
 */
const UNCERTAIN_CODES: ReadonlySet<string> = new Set([
  "NETWORK",
  "INTERNAL_SERVER_ERROR",
  "TIMEOUT",
  "TOO_MANY_REQUESTS",
  "SERVICE_UNAVAILABLE",
  "BAD_GATEWAY",
  "GATEWAY_TIMEOUT",
]);

export function isRetryable(error: ApiError): boolean {
  return error.domainCode === null && UNCERTAIN_CODES.has(error.code);
}

/** A fresh idempotency key for a new send (never for a retry or a confirmation). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Sends one attempt through the background and says what happened, in the API's words. With
 * `confirm`, the viewer has confirmed a spend above their threshold; the key stays the same.
 */
export async function sendToStream(
  api: Pick<ApiClient, "gifts" | "tips">,
  attempt: SendAttempt,
  confirm: boolean,
): Promise<SendOutcome> {
  const { request, to, idempotencyKey } = attempt;
  try {
    const data =
      request.kind === "gift"
        ? await api.gifts.send.mutate({
            idempotencyKey,
            to,
            giftId: request.giftId,
            count: request.count,
            message: request.message,
            confirm,
          })
        : await api.tips.send.mutate({
            idempotencyKey,
            to,
            coins: request.coins,
            message: request.message,
            ...(request.stickerId ? { stickerId: request.stickerId } : {}),
            confirm,
          });
    return {
      status: "sent",
      result: {
        balance: data.balance,
        coinsSpent: data.coinsSpent,
        diamonds: data.creator.diamonds,
        handle: data.creator.handle,
        replayed: data.replayed,
      },
    };
  } catch (caught) {
    const error = toApiError(caught);
    if (error.domainCode === "CONFIRMATION_REQUIRED") {
      const coins = error.details.coins;
      return {
        status: "needs-confirmation",
        coins: typeof coins === "number" ? coins : null,
        message: error.message,
      };
    }
    return { status: "failed", error, retryable: isRetryable(error) };
  }
}

/** Any thrown value as an ApiError: the typed one from the port, or a network-style failure. */
export function toApiError(caught: unknown): ApiError {
  if (isApiCallError(caught)) return apiErrorOf(caught);
  return {
    code: "NETWORK",
    domainCode: null,
    message: "Coinstream could not be reached.",
    details: {},
    fieldErrors: {},
  };
}
