import type { MiddlewareHandler } from "hono";

/** Errors of a connection that failed or broke, from postgres.js or the socket underneath. */
const CONNECTION_ERRORS = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** SQLSTATEs of a server shutting down, crashed, starting up, full, or a broken connection. */
const UNAVAILABLE_SQLSTATES = /^(57P0[1-3]|53300|08\d{3})$/;

/**
 * Whether `error` (or any error it wraps, as Better Auth and Drizzle do) says the database cannot
 * be reached, rather than that a query or a rule failed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (typeof current !== "object") return false;
    const { code, cause, errors } = current as {
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (
      typeof code === "string" &&
      (CONNECTION_ERRORS.has(code) || UNAVAILABLE_SQLSTATES.test(code))
    ) {
      return true;
    }
    if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
    current = cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "Coinstream cannot reach its database right now; nothing was changed. Try again in a moment.";

/**
 * Whether the database answers, as far as this process knows. Once a request fails because it
 * cannot be reached the gate closes: requests that need it are refused at once with 503 instead
 * of queueing behind the pools' reconnect attempts, and a probe every `probeEveryMs` opens it
 * again as soon as the database answers.
 */
export class DatabaseGate {
  private closed = false;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly probeEveryMs = 250,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Closes the gate when `error` says the database is unreachable; returns whether it does. */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.closed) {
      this.closed = true;
      void this.probeUntilAnswered();
    }
    return true;
  }

  /** For routes that need the database: 503 while closed, and 503 when one fails for that reason. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (this.closed) return c.json(UNAVAILABLE_BODY, 503);
      await next();
      if (c.error && this.report(c.error)) c.res = c.json(UNAVAILABLE_BODY, 503);
    };
  }

  private async probeUntilAnswered(): Promise<void> {
    while (this.closed) {
      await new Promise((resolve) => setTimeout(resolve, this.probeEveryMs).unref());
      try {
        await this.probe();
        this.closed = false;
      } catch (error) {
        // Any answer but "unreachable" (a failing query) means the database is back.
        if (!isDatabaseUnavailable(error)) this.closed = false;
      }
    }
  }
}

const UNAVAILABLE_BODY = { error: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE };
