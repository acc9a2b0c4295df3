/*
 * What a page shows when a call fails: the API's own sentence (ApiError.message) plus, for the
 * rulebook's codes a person can act on, one line on what to do next.
 */
import { ApiCallError } from "../../messaging/api-client.ts";
import type { ApiError } from "../../messaging/contract.ts";

export interface ShownError {
  readonly code: string;
  readonly domainCode: string | null;
  readonly message: string;
  /** What to do about it, when the code says more than the message. */
  readonly hint: string | null;
  /** Individual reasons (NOT_ELIGIBLE lists every missing requirement). */
  readonly reasons: readonly string[];
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
}

const HINTS: Readonly<Record<string, string>> = {
  ACCOUNT_FROZEN:
    "Your account is frozen: you can still look around, but no coins or diamonds move until Coinstream support lifts it. Open a support ticket from the popup's Support tab.",
  LIMIT_EXCEEDED: "This is a limit, not a fault: try a smaller amount, or again later.",
  VERIFICATION_FAILED:
    "Save the change on your page, give it a minute to show publicly, then press Verify again.",
  IDEMPOTENCY_CONFLICT:
    "This request was already sent with other details; reload the page and try again.",
  NETWORK: "Check your connection. If it keeps happening, the Coinstream API may be down.",
  UNAUTHORIZED: "Your session ended. Sign in again to continue.",
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

/**
 * A failed verification tries each method (a website's file, then its meta tags); when the site
 * could not be read at all, each says the same, so the sentence shows once, with the right hint.
 */
function describeVerificationFailure(error: ApiError): Pick<ShownError, "message" | "hint"> {
  const failures = verificationFailuresOf(error);
  if (failures.length === 0)
    return { message: error.message, hint: HINTS.VERIFICATION_FAILED ?? null };
  const message = [...new Set(failures.map((failure) => failure.message))].join(" ");
  const unreadable = failures.every((failure) => failure.reason !== "code_missing");
  return {
    message,
    hint: unreadable
      ? "Check that the address is right and the page is public, then press Verify again."
      : (HINTS.VERIFICATION_FAILED ?? null),
  };
}

export function describeApiError(error: ApiError): ShownError {
  const reasons = reasonsOf(error);
  if (error.domainCode === "VERIFICATION_FAILED") {
    return {
      code: error.code,
      domainCode: error.domainCode,
      ...describeVerificationFailure(error),
      reasons: [],
      fieldErrors: error.fieldErrors ?? {},
    };
  }
  return {
    code: error.code,
    domainCode: error.domainCode,
    // Several reasons read better as a list than as the joined sentence.
    message: reasons.length > 1 ? "A few things need doing first:" : error.message,
    hint: HINTS[error.domainCode ?? ""] ?? HINTS[error.code] ?? null,
    reasons: reasons.length > 1 ? reasons : [],
    fieldErrors: error.fieldErrors ?? {},
  };
}

/** Any thrown value as something to show; unexpected errors get a calm generic sentence. */
export function describeError(error: unknown): ShownError {
  if (error instanceof ApiCallError) return describeApiError(error.error);
  return {
    code: "UNKNOWN",
    domainCode: null,
    message: "Something went wrong on our side. Try again in a moment.",
    hint: null,
    reasons: [],
    fieldErrors: {},
  };
}

/** True when the session is gone and the page should go back to signing in. */
export function isSignedOutError(error: ShownError | null): boolean {
  return error?.code === "UNAUTHORIZED";
}
