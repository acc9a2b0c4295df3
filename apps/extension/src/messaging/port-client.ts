import type { ApiClient } from "./api-client.ts";
import { createPortSession, type PortLike } from "./port-session.ts";

/**
 * The gift bar's API client: the tRPC client's shape (`api.wallet.get.query()`,
 * `api.gifts.send.mutate(input)`) over the `trpc` port, without the tRPC client's code, so the
 * launcher injected into stream pages stays small. Errors are PortCallErrors (typed like
 * TRPCClientError: `data.code`, `data.domainCode`).
 */
export function createPortClient(connect: () => PortLike): ApiClient {
  const session = createPortSession(connect);
  const at = (path: readonly string[]): unknown =>
    new Proxy(() => {}, {
      // Not a promise: `then` stays undefined so awaiting a router is no call.
      get: (_target, key) =>
        typeof key === "string" && key !== "then" ? at([...path, key]) : undefined,
      apply: (_target, _this, args: unknown[]) => {
        const method = path[path.length - 1];
        const procedure = path.slice(0, -1).join(".");
        if (method === "query") return session.call("query", procedure, args[0]);
        if (method === "mutate") return session.call("mutation", procedure, args[0]);
        throw new TypeError(`${path.join(".")} is not a query or a mutation`);
      },
    });
  return at([]) as ApiClient;
}
