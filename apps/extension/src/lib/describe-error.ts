/*
 * The one place an API error becomes words: the API's own sentence (it says what happened, with
 * amounts, limits and reasons), a short title, and, for the rulebook's codes a person can act
 * on, what to do next. The next step names the place where the person is (the popup's tabs, the
 * page panel's buttons, the dashboard), so it is chosen per surface; everything else is shared.
 */
import { apiErrorOf } from "../messaging/api-error.ts";
import type { ApiError } from "../messaging/contract.ts";

export type ErrorSurface = "popup" | "panel" | "dashboard";

export interface ShownError {
  readonly code: string;
  readonly domainCode: string | null;
  readonly title: string;
  readonly message: string;
  /** What to do about it, when the code says more than the message. */
  readonly hint: string | null;
  /** Individual reasons (NOT_ELIGIBLE lists every missing requirement). */
  readonly reasons: readonly string[];
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  /** Signing in is the way forward (the session ended, or nobody was signed in). */
  readonly needsSignIn: boolean;
  /** More coins are the way forward. */
  readonly needsCoins: boolean;
}

const UNREACHABLE = new Set([
  "NETWORK",
  "TIMEOUT",
  "INTERNAL_SERVER_ERROR",
  "SERVICE_UNAVAILABLE",
  "BAD_GATEWAY",
  "GATEWAY_TIMEOUT",
]);

/** Titles by the rulebook's code, then by tRPC's code. */
const TITLES: Readonly<Record<string, string>> = {
  INSUFFICIENT_COINS: "Not enough coins",
  LIMIT_EXCEEDED: "Spending limit reached",
  NOT_ELIGIBLE: "This can't be sent",
  ACCOUNT_FROZEN: "Your account is on hold",
  IDEMPOTENCY_CONFLICT: "Please send again",
  UNKNOWN_CREATOR: "Creator not found",
  INVALID_INPUT: "Check your gift",
  UNAUTHORIZED: "Sign in to send",
  TOO_MANY_REQUESTS: "Slow down a little",
  BAD_REQUEST: "Check your gift",
};

/** Where to go next, per surface, by the rulebook's code (then tRPC's). */
const NEXT_STEPS: Readonly<Record<ErrorSurface, Readonly<Record<string, string>>>> = {
  popup: {
    INSUFFICIENT_COINS: "Buy coins on the Wallet tab.",
    LIMIT_EXCEEDED: "You can review your limits on the Limits tab.",
    // The API's sentence already says how: a support ticket from the Support tab.
  },
  panel: {
    INSUFFICIENT_COINS: "Get coins, then send again: you come back to this panel.",
    LIMIT_EXCEEDED: "Your limits are in your Coinstream wallet (Get coins).",
    ACCOUNT_FROZEN: "You can still see your balance and history; sending is paused.",
  },
  dashboard: {
    ACCOUNT_FROZEN:
      "Your account is frozen: you can still look around, but no coins or diamonds move until Coinstream support lifts it. Open a support ticket from the popup's Support tab.",
    LIMIT_EXCEEDED: "This is a limit, not a fault: try a smaller amount, or again later.",
    VERIFICATION_FAILED:
      "Save the change on your page, give it a minute to show publicly, then press Verify again.",
    IDEMPOTENCY_CONFLICT:
      "This request was already sent with other details; reload the page and try again.",
    NETWORK: "Check your connection. If it keeps happening, the Coinstream API may be down.",
    UNAUTHORIZED: "Your session ended. Sign in again to continue.",
  },
};

function reasonsOf(error: ApiError): string[] {
  const reasons = error.details?.reasons;
  if (!Array.isArray(reasons)) return [];
  return reasons
    .map((reason: unknown) =>
      reason && typeof reason === "object" && "message" in reason ? String(reason.message) : null,
    )
    .filter((message): message is string => message !== null && message !== "");
}

interface VerificationFailure {
  readonly message: string;
  readonly reason: string;
}

function verificationFailuresOf(error: ApiError): VerificationFailure[] {
  const failures = error.details?.failures;
  if (!Array.isArray(failures)) return [];
  return failures.filter(
    (failure): failure is VerificationFailure =>
      typeof failure?.message === "string" && typeof failure?.reason === "string",
  );
}

/** The message a page shows in place of the API's, when the API's sentence would mislead. */
function messageFor(error: ApiError, surface: ErrorSurface): string {
  if (surface === "panel") {
    if (error.domainCode === "IDEMPOTENCY_CONFLICT") {
      return "That attempt was already used. Send it again.";
    }
    if (!hasOwnTitle(error.domainCode)) {
      if (error.code === "UNAUTHORIZED") return "Sign in to send gifts and tips.";
      if (UNREACHABLE.has(error.code)) {
        return "We don't know yet whether it went through. Try again: it will never be sent twice.";
      }
      if (error.code === "TOO_MANY_REQUESTS") {
        return "Too many sends at once. Try again in a moment.";
      }
      if (error.code === "BAD_REQUEST") {
        return Object.values(error.fieldErrors)[0]?.[0] ?? error.message;
      }
    }
  }
  return error.message;
}

function hasOwnTitle(domainCode: string | null): domainCode is string {
  return domainCode !== null && domainCode in TITLES;
}

function titleFor(error: ApiError): string {
  if (hasOwnTitle(error.domainCode)) return TITLES[error.domainCode] as string;
  if (UNREACHABLE.has(error.code)) return "Couldn't reach Coinstream";
  return TITLES[error.code] ?? "That didn't go through";
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string" &&
    "domainCode" in value
  );
}

/**
 * Any failed call (a TRPCClientError from the port, or the contract's ApiError from the
 * background's auth message) as what `surface` shows; unexpected errors get a calm sentence.
 */
export function describeError(error: unknown, surface: ErrorSurface = "dashboard"): ShownError {
  const api = isApiError(error) ? error : apiErrorOf(error);
  const nextSteps = NEXT_STEPS[surface];
  const shown: ShownError = {
    code: api.code,
    domainCode: api.domainCode,
    title: titleFor(api),
    message: messageFor(api, surface),
    hint: nextSteps[api.domainCode ?? ""] ?? nextSteps[api.code] ?? null,
    reasons: [],
    fieldErrors: api.fieldErrors ?? {},
    needsSignIn: api.code === "UNAUTHORIZED",
    needsCoins: api.domainCode === "INSUFFICIENT_COINS",
  };
  if (surface !== "dashboard") return shown;
  if (api.domainCode === "VERIFICATION_FAILED") {
    // Each method (a website's file, then its meta tags) fails alike when the site could not be
    // read at all: the sentence shows once, with the right hint.
    const failures = verificationFailuresOf(api);
    if (failures.length === 0) return shown;
    const unreadable = failures.every((failure) => failure.reason !== "code_missing");
    return {
      ...shown,
      message: [...new Set(failures.map((failure) => failure.message))].join(" "),
      hint: unreadable
        ? "Check that the address is right and the page is public, then press Verify again."
        : shown.hint,
    };
  }
  const reasons = reasonsOf(api);
  // Several reasons read better as a list than as the joined sentence.
  return reasons.length > 1
    ? { ...shown, message: "A few things need doing first:", reasons }
    : shown;
}

/** The message and the next step in one sentence, for a line of text next to a control. */
export function errorSentence(error: unknown, surface: ErrorSurface): string {
  const shown = describeError(error, surface);
  return shown.hint ? `${shown.message} ${shown.hint}` : shown.message;
}

/** True when the session is gone and the page should go back to signing in. */
export function isSignedOutError(error: ShownError | null): boolean {
  return error?.code === "UNAUTHORIZED";
}
