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
 * A single call or a batch of one is served here; anything else (a batch of several, another
 * query string, another content type, a streaming accept header, a body that is not JSON) is
 * left to the adapter, which answers it as it always has.
 */
export function hotMutations<TContext extends object>(
  options: HotMutationsOptions<TContext>,
): MiddlewareHandler {
  const config = options.router._def._config;
  return async (c, next) => {
    const call = hotCall(c.req, options.paths);
    if (call === null) return next();
    const { path, isBatch } = call;
    const body = await c.req.text();
    let input: unknown;
    try {
      // As the adapter: an empty body is no input; a batch of one is `{"0": input}`.
      const sent: unknown = body ? JSON.parse(body) : undefined;
      if (isBatch && sent !== undefined && !isObject(sent)) return next();
      const raw = isBatch && isObject(sent) ? sent["0"] : sent;
      input = raw === undefined ? undefined : config.transformer.input.deserialize(raw);
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
    const answer = transformTRPCResponse(config, response);
    return c.newResponse(JSON.stringify(isBatch ? [answer] : answer), status as 200, {
      vary: "trpc-accept, accept",
      "content-type": "application/json",
    });
  };
}

/** What `hotCall` reads of a request (Hono's `c.req`). */
export interface HotRequest {
  readonly method: string;
  /** The URL's path, without the query. */
  readonly path: string;
  readonly url: string;
  header(name: string): string | undefined;
}

/**
 * The procedure path when this request is one mutation call to a hot path, alone or as a batch
 * of one (`?batch=1`, as tRPC's `httpBatchLink` sends it, the extension's client).
 */
export function hotCall(
  request: HotRequest,
  paths: ReadonlySet<string>,
): { readonly path: string; readonly isBatch: boolean } | null {
  if (request.method !== "POST" || !request.path.startsWith("/trpc/")) return null;
  const path = request.path.slice("/trpc/".length);
  if (!paths.has(path)) return null;
  const query = request.url.indexOf("?");
  const isBatch = query >= 0 && request.url.slice(query) === "?batch=1";
  if (query >= 0 && !isBatch) return null;
  // tRPC's own media-type test (case-insensitive, parameters ignored).
  const contentType = request.header("content-type")?.toLowerCase().split(";", 1)[0]?.trim();
  if (contentType !== "application/json") return null;
  // Streaming (jsonl) answers are the adapter's: tRPC asks `trpc-accept`, then `accept`.
  if (request.header("trpc-accept") !== undefined) return null;
  if (request.header("accept")?.includes("application/jsonl")) return null;
  return { path, isBatch };
}

/** tRPC's test for a batch's input map. */
function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === "object";
}
