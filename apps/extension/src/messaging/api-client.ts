import type { AppRouter } from "@coinstream/api";
import { createTRPCClient, type TRPCClient, type TRPCLink } from "@trpc/client";
import type { Messages } from "./contract.ts";
import { type PortLike, portLink, TRPC_PORT } from "./port-link.ts";

/** Sends one message to the background and waits for its answer (@plasmohq/messaging in the extension). */
export type SendMessage = <N extends keyof Messages>(
  name: N,
  body: Messages[N]["req"],
) => Promise<Messages[N]["res"]>;

/** Typed API calls for pages, through the background: `api.wallet.get.query()`. */
export type ApiClient = TRPCClient<AppRouter>;

/** The tRPC client over `link` (the `trpc` port in the extension, a fake link in tests). */
export function createApiClient(link: TRPCLink<AppRouter>): ApiClient {
  return createTRPCClient<AppRouter>({ links: [link] });
}

/** The link every extension page uses: the background's `trpc` port. */
export function backgroundLink(): TRPCLink<AppRouter> {
  return portLink(() => chrome.runtime.connect({ name: TRPC_PORT }) as unknown as PortLike);
}

/** What pages ask the background besides API calls: signing in and out, opening a tab. */
export function createBackgroundActions(send: SendMessage) {
  return {
    auth: (body: Messages["auth"]["req"]) => send("auth", body),
    openTab: (url: string) => send("open-tab", { url }),
  };
}

export type BackgroundActions = ReturnType<typeof createBackgroundActions>;
