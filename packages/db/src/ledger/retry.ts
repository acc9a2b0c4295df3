/**
 * SQLSTATEs a batch is simply run again for: deadlock, serialization failure, and a unique
 * violation from another writer inserting the same transfer id or resolving the same pending
 * transfer first (the rerun sees its row and answers `exists` or `already_posted`).
 */
const RETRYABLE = new Set(["40P01", "40001", "23505"]);

export function isRetryable(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    RETRYABLE.has(String((error as { code?: unknown }).code))
  );
}

/** Runs `attempt` until it succeeds or fails with a non-retryable error, with jittered backoff. */
export async function withRetries<T>(attempt: () => Promise<T>, maxAttempts = 20): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error) || tries >= maxAttempts) throw error;
      const backoffMs = Math.min(50, 2 ** tries) * Math.random();
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}
