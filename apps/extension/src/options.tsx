/*
 * The options page: Coinstream's creator dashboard. Like every page it talks to the API only
 * through the background worker (the `trpc` port and the `auth` message).
 */
import { sendToBackground } from "@plasmohq/messaging";
import { normalizeApiUrl } from "./background/config.ts";
import type { FollowStream } from "./dashboard/api-context.tsx";
import { DashboardApp } from "./dashboard/dashboard-app.tsx";
import { createStreamFollower } from "./gift-bar/lib/stream-follower.ts";
import { createBackgroundActions, type SendMessage } from "./messaging/api-client.ts";
import type { Messages } from "./messaging/contract.ts";
import { connectStreamPort, releaseStreamPort } from "./messaging/stream-port.ts";
import { backgroundLink, createApiClient } from "./messaging/trpc-client.ts";
import "./styles/tokens.css";
import "./dashboard/dashboard.css";

const send: SendMessage = <N extends keyof Messages>(name: N, body: Messages[N]["req"]) =>
  sendToBackground<Messages[N]["req"], Messages[N]["res"]>({ name, body });

const api = createApiClient(backgroundLink());
const background = createBackgroundActions(send);
const apiUrl = normalizeApiUrl(process.env.PLASMO_PUBLIC_API_URL);

/** The creator's own stream events over the background's `stream` port (reconnects by itself). */
const followStream: FollowStream = (handle, onMessage) => {
  const follower = createStreamFollower({
    connect: connectStreamPort,
    release: releaseStreamPort,
    onMessage,
    setTimeout: (handler, ms) => setTimeout(handler, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  });
  follower.follow(handle);
  return () => follower.close();
};

export default function OptionsPage() {
  return (
    <DashboardApp api={api} background={background} apiUrl={apiUrl} followStream={followStream} />
  );
}
