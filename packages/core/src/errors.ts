/**
 * Every rule in the rulebook fails with a `DomainError`: a stable `code` that programs branch
 * on and a `message` written for the person who has to act on it.
 */
export const DomainErrorCode = {
  /** An input is malformed: not an integer, out of its range, an unknown id, a bad message. */
  INVALID_INPUT: "INVALID_INPUT",
  /** Integer arithmetic would leave the safe range; nothing is rounded or wrapped silently. */
  OVERFLOW: "OVERFLOW",
  /** A gift id that the rate card does not list. */
  UNKNOWN_GIFT: "UNKNOWN_GIFT",
  /** A coin pack id that the price list does not list. */
  UNKNOWN_PACK: "UNKNOWN_PACK",
  /** No creator matches the stream page or handle given. */
  UNKNOWN_CREATOR: "UNKNOWN_CREATOR",
  /** A currency the rate card has no price list or exponent for. */
  UNSUPPORTED_CURRENCY: "UNSUPPORTED_CURRENCY",
  /** The wallet does not hold enough coins. */
  INSUFFICIENT_COINS: "INSUFFICIENT_COINS",
  /** A spending cap, velocity limit or cooling-off lock refuses the spend. */
  LIMIT_EXCEEDED: "LIMIT_EXCEEDED",
  /** The spend reaches the person's confirmation threshold: ask them, then send it confirmed. */
  CONFIRMATION_REQUIRED: "CONFIRMATION_REQUIRED",
  /** A boost for a stream that is not live: its minutes would run while nobody watches. */
  STREAM_OFFLINE: "STREAM_OFFLINE",
  /** Age, verification, channel or account rules refuse the action. */
  NOT_ELIGIBLE: "NOT_ELIGIBLE",
  /** An idempotency key was reused with a different request. */
  IDEMPOTENCY_CONFLICT: "IDEMPOTENCY_CONFLICT",
  /** A change that the rules forbid, such as shortening a cooling-off lock. */
  FORBIDDEN_CHANGE: "FORBIDDEN_CHANGE",
  /** The thing asked for does not exist, or does not belong to the caller (never says which). */
  NOT_FOUND: "NOT_FOUND",
  /** An admin froze the account: it may read, but moves no coins or diamonds. */
  ACCOUNT_FROZEN: "ACCOUNT_FROZEN",
  /** Ownership of a channel could not be proved (code missing, page unreachable, too big...). */
  VERIFICATION_FAILED: "VERIFICATION_FAILED",
  /** Someone else already owns it (a verified channel); proving ownership again moves it. */
  CONFLICT: "CONFLICT",
  /** A newer version of the community guidelines must be accepted first (`details.version`). */
  GUIDELINES_NOT_ACCEPTED: "GUIDELINES_NOT_ACCEPTED",
  /** The caller's role may not do this (admin procedures). */
  FORBIDDEN: "FORBIDDEN",
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  /** Machine-readable facts behind the error (the field, the limit, what is left...). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Throws `INVALID_INPUT` with `message` unless `condition` holds. */
export function ensure(
  condition: boolean,
  message: string,
  details: Record<string, unknown> = {},
): asserts condition {
  if (!condition) throw new DomainError(DomainErrorCode.INVALID_INPUT, message, details);
}
