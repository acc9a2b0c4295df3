import type { AppRouter } from "@coinstream/api";
import { createTRPCClient, type TRPCLink } from "@trpc/client";
import { type ApiClient, connectTrpcPort } from "./api-client.ts";
import { portLink } from "./port-link.ts";

/** The tRPC client over `link` (the `trpc` port in the extension, a fake link in tests). */
export function createApiClient(link: TRPCLink<AppRouter>): ApiClient {
  return createTRPCClient<AppRouter>({ links: [link] });
}

/** The link the popup and the dashboard use: the background's `trpc` port. */
export function backgroundLink(): TRPCLink<AppRouter> {
  return portLink(connectTrpcPort);
}
