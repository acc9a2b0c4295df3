import { sendToBackground } from "@plasmohq/messaging";
import { getPort, removePort } from "@plasmohq/messaging/port";
import { chromeStorageArea } from "../background/storage-areas.ts";
import {
  connectTrpcPort,
  createBackgroundActions,
  type SendMessage,
} from "../messaging/api-client.ts";
import type { Messages, StreamPortMessage } from "../messaging/contract.ts";
import { createPortClient } from "../messaging/port-client.ts";
import type { GiftBarServices, PageWindow, Surface } from "./components/gift-bar-app.tsx";
import { chromeLocalStore, createHiddenSites } from "./lib/hidden-sites.ts";
import { createPendingSends } from "./lib/pending-sends.ts";
import { newIdempotencyKey } from "./lib/send-to-stream.ts";
import { createStreamFollower, type StreamPort } from "./lib/stream-follower.ts";
import { chromeWalletSignal } from "./lib/wallet-signal.ts";

export const sendMessage: SendMessage = <N extends keyof Messages>(
  name: N,
  body: Messages[N]["req"],
) => sendToBackground<Messages[N]["req"], Messages[N]["res"]>({ name, body });

/** The background's `stream` port: Plasmo's port handlers read each message's `body`. */
function connectStreamPort(): StreamPort {
  const port = getPort("stream");
  return {
    postMessage: (request) => port.postMessage({ body: request }),
    disconnect: () => port.disconnect(),
    onMessage: port.onMessage as StreamPort["onMessage"],
    onDisconnect: port.onDisconnect as StreamPort["onDisconnect"],
  };
}

/**
 * The gift bar's services in the extension: the background for the API and stream events, the
 * hidden-sites setting in extension storage. Idempotency keys come from the window they run in:
 * only the panel (the extension's own, secure, document) sends.
 */
export function createExtensionServices(win: PageWindow, surface: Surface): GiftBarServices {
  return {
    api: createPortClient(connectTrpcPort),
    background: createBackgroundActions(sendMessage),
    hiddenSites: createHiddenSites(chromeLocalStore()),
    openSites: createHiddenSites(chromeLocalStore(), "open"),
    openStream: (onMessage: (message: StreamPortMessage) => void) =>
      createStreamFollower({
        connect: connectStreamPort,
        release: () => removePort("stream"),
        onMessage,
        setTimeout: (handler, ms) => win.setTimeout(handler, ms),
        clearTimeout: (id) => win.clearTimeout(id as number),
      }),
    win,
    now: () => Date.now(),
    newKey: newIdempotencyKey,
    surface,
    openWallet: surface.kind === "panel" ? () => openWalletWindow(win) : undefined,
    walletSignal: surface.kind === "panel" ? chromeWalletSignal() : undefined,
    // Firefox gives the panel (an extension page framed in a web page) no storage.session, so
    // there a closed panel does not pick up its unanswered send.
    pendingSends:
      surface.kind === "panel" && chrome.storage.session
        ? createPendingSends(
            chromeStorageArea(chrome.storage.session),
            `pending-send:${surface.target.key}`,
          )
        : undefined,
  };
}

/**
 * The wallet (sign in, sign up, buy coins) is the popup's own page, opened in a small window:
 * Chrome hides the toolbar button in its puzzle-piece menu, so the panel offers it in place.
 * No background change: the popup page already may do all of it.
 */
function openWalletWindow(win: PageWindow): void {
  const url = chrome.runtime.getURL("popup.html");
  const left = Math.max((win.screenX ?? 0) + (win.outerWidth ?? 0) - 420, 0);
  const top = Math.max((win.screenY ?? 0) + 80, 0);
  if (chrome.windows?.create) {
    chrome.windows.create({ url, type: "popup", width: 400, height: 620, left, top }).catch(() => {
      win.open(url, "_blank", "noopener");
    });
    return;
  }
  win.open(url, "_blank", "noopener");
}
