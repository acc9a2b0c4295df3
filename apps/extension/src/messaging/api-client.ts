import type { AppRouter } from "@coinstream/api";
import type { TRPCClient } from "@trpc/client";
import type { Messages } from "./contract.ts";
import { type PortLike, TRPC_PORT } from "./port-session.ts";

/** Sends one message to the background and waits for its answer (@plasmohq/messaging in the extension). */
export type SendMessage = <N extends keyof Messages>(
  name: N,
  body: Messages[N]["req"],
) => Promise<Messages[N]["res"]>;

/**
 * Typed API calls for pages, through the background: `api.wallet.get.query()`. The popup and the
 * dashboard use the tRPC client (trpc-client.ts), the gift bar a light one of the same shape
 * (port-client.ts).
 */
export type ApiClient = TRPCClient<AppRouter>;

/** Opens the background's `trpc` port. */
export function connectTrpcPort(): PortLike {
  return chrome.runtime.connect({ name: TRPC_PORT }) as unknown as PortLike;
}

/** What pages ask the background besides API calls: signing in and out, opening a tab. */
export function createBackgroundActions(send: SendMessage) {
  return {
    auth: (body: Messages["auth"]["req"]) => send("auth", body),
    openTab: (url: string) => send("open-tab", { url }),
  };
}

export type BackgroundActions = ReturnType<typeof createBackgroundActions>;
