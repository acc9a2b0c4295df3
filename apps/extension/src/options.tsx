/*
 * The options page: Coinstream's creator dashboard. Like every page it talks to the API only
 * through the background worker (the `trpc` port and the `auth` message).
 */
import { sendToBackground } from "@plasmohq/messaging";
import { normalizeApiUrl } from "./background/config.ts";
import { DashboardApp } from "./dashboard/dashboard-app.tsx";
import { createBackgroundActions, type SendMessage } from "./messaging/api-client.ts";
import type { Messages } from "./messaging/contract.ts";
import { backgroundLink, createApiClient } from "./messaging/trpc-client.ts";
import "./styles/tokens.css";
import "./dashboard/dashboard.css";

const send: SendMessage = <N extends keyof Messages>(name: N, body: Messages[N]["req"]) =>
  sendToBackground<Messages[N]["req"], Messages[N]["res"]>({ name, body });

const api = createApiClient(backgroundLink());
const background = createBackgroundActions(send);
const apiUrl = normalizeApiUrl(process.env.PLASMO_PUBLIC_API_URL);

export default function OptionsPage() {
  return <DashboardApp api={api} background={background} apiUrl={apiUrl} />;
}
