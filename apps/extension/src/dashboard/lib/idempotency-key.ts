/** A fresh key for one money-moving attempt; retrying the same attempt reuses it. */
export function newIdempotencyKey(): string {
  return `dash-${crypto.randomUUID()}`;
}
