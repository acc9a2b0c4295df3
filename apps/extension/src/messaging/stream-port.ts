import { getPort, removePort } from "@plasmohq/messaging/port";
import type { StreamPort } from "../gift-bar/lib/stream-follower.ts";

/** The background's `stream` port: Plasmo's port handlers read each message's `body`. */
export function connectStreamPort(): StreamPort {
  const port = getPort("stream");
  return {
    postMessage: (request) => port.postMessage({ body: request }),
    disconnect: () => port.disconnect(),
    onMessage: port.onMessage as StreamPort["onMessage"],
    onDisconnect: port.onDisconnect as StreamPort["onDisconnect"],
  };
}

/** Forgets a dead `stream` port, so the next connect opens a new one. */
export const releaseStreamPort = () => removePort("stream");
