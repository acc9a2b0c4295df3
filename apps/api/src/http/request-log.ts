import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";

/**
 * One structured line per request: id, method, path (never the query, which can carry tokens),
 * status and duration. Headers and bodies are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
