import type { ApiError } from "../../messaging/contract.ts";

/** An API refusal as the gift bar shows it: a short title, the API's sentence, what to do next. */
export interface ErrorView {
  readonly title: string;
  readonly message: string;
  readonly hint: string | null;
  /** Signing in (the panel's Sign in) is the way forward. */
  readonly needsSignIn: boolean;
  /** More coins (the panel's Get coins) are the way forward. */
  readonly needsCoins?: boolean;
}

const WALLET = "your Coinstream wallet (Get coins)";

/**
 * Maps an API error to words for the viewer. The API's own message is kept: it says what
 * happened in a sentence a person can act on (amounts, limits, reasons); the title and hint
 * add where to go next.
 */
export function describeSendError(error: ApiError): ErrorView {
  const view = (title: string, hint: string | null, message = error.message): ErrorView => ({
    title,
    message,
    hint,
    needsSignIn: false,
  });
  switch (error.domainCode) {
    case "INSUFFICIENT_COINS":
      return {
        ...view("Not enough coins", "Get coins, then send again: you come back to this panel."),
        needsCoins: true,
      };
    case "LIMIT_EXCEEDED":
      return view("Spending limit reached", `Your limits are in ${WALLET}.`);
    case "NOT_ELIGIBLE":
      return view("This can't be sent", null);
    case "ACCOUNT_FROZEN":
      return view(
        "Your account is on hold",
        "You can still see your balance and history; sending is paused.",
      );
    case "IDEMPOTENCY_CONFLICT":
      return view("Please send again", null, "That attempt was already used. Send it again.");
    case "UNKNOWN_CREATOR":
      return view("Creator not found", null);
    case "INVALID_INPUT":
      return view("Check your gift", null);
  }
  switch (error.code) {
    case "UNAUTHORIZED":
      return {
        title: "Sign in to send",
        message: "Sign in to send gifts and tips.",
        hint: null,
        needsSignIn: true,
      };
    case "NETWORK":
    case "TIMEOUT":
    case "INTERNAL_SERVER_ERROR":
    case "SERVICE_UNAVAILABLE":
    case "BAD_GATEWAY":
    case "GATEWAY_TIMEOUT":
      return view(
        "Couldn't reach Coinstream",
        null,
        "We don't know yet whether it went through. Try again: it will never be sent twice.",
      );
    case "TOO_MANY_REQUESTS":
      return view("Slow down a little", null, "Too many sends at once. Try again in a moment.");
    case "BAD_REQUEST": {
      const first = Object.values(error.fieldErrors)[0]?.[0];
      return view("Check your gift", null, first ?? error.message);
    }
    default:
      return view("That didn't go through", null);
  }
}
