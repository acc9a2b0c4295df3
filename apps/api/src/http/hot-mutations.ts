import type { AnyTRPCRouter } from "@trpc/server";
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  type TRPCError,
  transformTRPCResponse,
} from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import type { Context as HonoContext, MiddlewareHandler } from "hono";

export interface HotMutationsOptions<TContext> {
  readonly router: AnyTRPCRouter;
  /** Mutations served here (`gifts.send`); every other path goes on to tRPC's fetch adapter. */
  readonly paths: ReadonlySet<string>;
  /** The same context the fetch adapter builds (it may throw a TRPCError: unauthorised origin...). */
  readonly createContext: (c: HonoContext) => Promise<TContext>;
  readonly onError?: (opts: { error: TRPCError }) => void;
}

/**
 * Serves the hottest tRPC mutations (a gift a viewer taps) without tRPC's fetch adapter, which
 * costs ~140 us a request in Request/Response objects, URL parsing and `AbortSignal.any`: the
 * same body parsing, the same procedure (its middleware, validation and error formatter, called
 * through tRPC's `callProcedure` as the adapter does) and the same JSON envelope, status and
 * headers, so clients cannot tell which path answered (`hot-mutations.test.ts` compares them).
 * Anything unusual (a batch, a query string, another content type, a streaming accept header,
 * a body that is not JSON) is left to the adapter, which answers it as it always has.
 */
export function hotMutations<TContext extends object>(
  options: HotMutationsOptions<TContext>,
): MiddlewareHandler {
  const config = options.router._def._config;
  return async (c, next) => {
    const path = hotPath(c.req, options.paths);
    if (path === null) return next();
    const body = await c.req.text();
    let input: unknown;
    try {
      // As the adapter: an empty body is no input; the transformer deserialises what was sent.
      input = body ? config.transformer.input.deserialize(JSON.parse(body)) : undefined;
    } catch {
      // The adapter reads the body again from Hono's cache and reports the parse error its way.
      return next();
    }
    let ctx: TContext | undefined;
    let error: TRPCError | null = null;
    let data: unknown;
    try {
      // The adapter's context also carries Hono's `env` (the node server's bindings).
      ctx = { ...(await options.createContext(c)), env: c.env };
      data = await callTRPCProcedure({
        router: options.router,
        path,
        getRawInput: async () => input,
        ctx,
        type: "mutation",
        signal: undefined,
        batchIndex: 0,
      });
    } catch (cause) {
      error = getTRPCErrorFromUnknown(cause);
      options.onError?.({ error });
    }
    const response = error
      ? {
          error: getTRPCErrorShape({ config, ctx, error, input, path, type: "mutation" }),
        }
      : { result: { data } };
    const status = error ? getHTTPStatusCode([response], [error]) : 200;
    return c.newResponse(JSON.stringify(transformTRPCResponse(config, response)), status as 200, {
      vary: "trpc-accept, accept",
      "content-type": "application/json",
    });
  };
}

/** What `hotPath` reads of a request (Hono's `c.req`). */
export interface HotRequest {
  readonly method: string;
  /** The URL's path, without the query. */
  readonly path: string;
  readonly url: string;
  header(name: string): string | undefined;
}

/** The procedure path when this request is a plain single mutation call to a hot path. */
export function hotPath(request: HotRequest, paths: ReadonlySet<string>): string | null {
  if (request.method !== "POST" || !request.path.startsWith("/trpc/")) return null;
  const path = request.path.slice("/trpc/".length);
  if (!paths.has(path) || request.url.includes("?")) return null;
  // tRPC's own media-type test (case-insensitive, parameters ignored).
  const contentType = request.header("content-type")?.toLowerCase().split(";", 1)[0]?.trim();
  if (contentType !== "application/json") return null;
  // Streaming (jsonl) requests must be batched: the adapter refuses them with its own message.
  if (request.header("trpc-accept") !== undefined) return null;
  return path;
}
