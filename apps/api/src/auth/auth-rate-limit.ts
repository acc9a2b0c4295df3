/**
 * The header `mountAuthRoutes` sets to the client's address (the socket's, or the trusted proxy
 * header's) after removing any value the client sent; Better Auth keys its rate limit on it alone.
 */
export const CLIENT_ADDRESS_HEADER = "x-coinstream-client-address";

export interface AuthRateLimitConfig {
  /** Sign-in, sign-up, password and verification-email requests per address per minute (30). */
  readonly attemptsPerMinutePerAddress?: number | undefined;
  /** Any other auth request per address per minute (1,200, as the API's own limit). */
  readonly requestsPerMinutePerAddress?: number | undefined;
}

/** Paths where each request can guess a password or send an email. */
const ATTEMPT_PATHS = [
  "/sign-in/*",
  "/sign-up/*",
  "/change-password",
  "/change-email",
  "/request-password-reset",
  "/reset-password",
  "/reset-password/*",
  "/send-verification-email",
];

/**
 * Better Auth's rate limit, on in every mode (its default is on in production only, and keyed
 * on a client-supplied X-Forwarded-For). Per address, per path, per minute, in this process's
 * memory: a person never reaches it; a script guessing passwords from one address does.
 */
export function authRateLimit(config: AuthRateLimitConfig = {}) {
  const attempts = { window: 60, max: config.attemptsPerMinutePerAddress ?? 30 };
  return {
    enabled: true,
    storage: "memory" as const,
    window: 60,
    max: config.requestsPerMinutePerAddress ?? 1_200,
    customRules: Object.fromEntries(ATTEMPT_PATHS.map((path) => [path, attempts])),
  };
}
