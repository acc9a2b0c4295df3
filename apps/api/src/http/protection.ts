import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { RateLimiter } from "./rate-limiter.ts";

/**
 * The client's address: from `trustedHeader` when configured and present (a reverse proxy's;
 * the last entry of a list, the one the nearest proxy added), else the socket's, else the test
 * harness's stand-in when there is no socket.
 */
export function clientAddress(c: Parameters<MiddlewareHandler>[0], trustedHeader?: string): string {
  const forwarded = trustedHeader
    ? c.req
        .header(trustedHeader)
        ?.split(",")
        .map((entry) => entry.trim())
        .findLast(Boolean)
    : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local";
  }
}

/**
 * Refuses more than `limit` requests per `windowMs` from one address with 429 and Retry-After,
 * before any work is done for them.
 */
export function rateLimitByAddress(
  limit: number,
  windowMs: number,
  trustedHeader?: string,
): MiddlewareHandler {
  const limiter = new RateLimiter(limit, windowMs);
  return async (c, next) => {
    const waitMs = limiter.hit(clientAddress(c, trustedHeader), Date.now());
    if (waitMs > 0) {
      c.header("Retry-After", String(Math.ceil(waitMs / 1000)));
      return c.json(
        {
          error: "RATE_LIMITED",
          message: "Too many requests from this address; try again shortly.",
        },
        429,
      );
    }
    await next();
  };
}

/**
 * Refuses a body over `maxSize` bytes with 413, unread, and closes the connection: the unread
 * rest of the body would otherwise be taken for the next request on a kept-alive connection.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const refuse = (c: Parameters<MiddlewareHandler>[0]) =>
    c.text("Payload Too Large", 413, { connection: "close" });
  const streamed = bodyLimit({ maxSize, onError: refuse });
  return async (c, next) => {
    // Hono's bodyLimit asks `c.req.raw.body` first, which makes the node server build a web
    // Request and stream for every call (~10% of a gift's API CPU, docs/BENCHMARKS.md). A
    // declared length is judged as bodyLimit judges it, without them; a body of unknown length
    // (chunked, or none declared) is counted by bodyLimit as it arrives.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number.parseInt(length || "0", 10) > maxSize ? refuse(c) : next();
    }
    return streamed(c, next);
  };
}
