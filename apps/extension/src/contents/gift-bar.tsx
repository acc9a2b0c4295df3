/*
 * The gift bar on stream pages (Plasmo content-script UI). Plasmo renders this component in the
 * open shadow root of <plasmo-csui id="coinstream-gift-bar">, as a plain overlay: the bar floats
 * there, or moves into the site's layout through the site adapter (gift-bar/hooks/
 * use-bar-placement.ts). Like every page it reaches the API only through the background worker.
 */
import { sendToBackground } from "@plasmohq/messaging";
import { getPort, removePort } from "@plasmohq/messaging/port";
import { Storage } from "@plasmohq/storage";
import type { PlasmoCSConfig, PlasmoGetStyle } from "plasmo";
import { useMemo } from "react";
import { GiftBarApp, type GiftBarServices } from "../gift-bar/components/gift-bar-app.tsx";
import { GIFT_BAR_CSS } from "../gift-bar/components/styles.ts";
import { createHiddenSites } from "../gift-bar/lib/hidden-sites.ts";
import { newIdempotencyKey } from "../gift-bar/lib/send-to-stream.ts";
import { createStreamFollower, type StreamPort } from "../gift-bar/lib/stream-follower.ts";
import { createApiClient, type SendMessage } from "../messaging/api-client.ts";
import type { Messages, StreamPortMessage } from "../messaging/contract.ts";

/**
 * Every http(s) page: Twitch, YouTube, TikTok and Kick by their URLs, and any other page that
 * declares its creator with `<meta name="coinstream:creator">` (including the local stand-ins on
 * 127.0.0.1 and localhost). Pages that are neither render nothing.
 */
export const config: PlasmoCSConfig = {
  matches: ["https://*/*", "http://*/*"],
  run_at: "document_idle",
  all_frames: false,
};

export const getShadowHostId = () => "coinstream-gift-bar";

export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement("style");
  style.textContent = GIFT_BAR_CSS;
  return style;
};

const send: SendMessage = <N extends keyof Messages>(name: N, body: Messages[N]["req"]) =>
  sendToBackground<Messages[N]["req"], Messages[N]["res"]>({ name, body });

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

function createServices(): GiftBarServices {
  return {
    api: createApiClient(send),
    hiddenSites: createHiddenSites(new Storage({ area: "local" })),
    openStream: (onMessage: (message: StreamPortMessage) => void) =>
      createStreamFollower({
        connect: connectStreamPort,
        release: () => removePort("stream"),
        onMessage,
        setTimeout: (handler, ms) => window.setTimeout(handler, ms),
        clearTimeout: (id) => window.clearTimeout(id as number),
      }),
    win: window,
    now: () => Date.now(),
    newKey: newIdempotencyKey,
  };
}

export default function GiftBarContent() {
  const services = useMemo(createServices, []);
  return (
    <div className="cs-root">
      <GiftBarApp services={services} />
    </div>
  );
}
