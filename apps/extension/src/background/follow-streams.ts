import { normalizeCreatorHandle } from "@coinstream/core";
import type { StreamPortMessage, StreamPortRequest } from "../messaging/contract.ts";
import type { StreamHub } from "./stream-hub.ts";

/** The part of chrome.runtime.Port the stream port uses. */
export interface FollowerPort {
  postMessage(message: StreamPortMessage): void;
  readonly onDisconnect: { addListener(callback: () => void): void };
}

/**
 * The `stream` port: each connected page follows at most one creator at a time. A new `follow`
 * replaces the previous one, `unfollow` stops, and a closed port (tab gone, page navigated)
 * stops too, so the hub closes an upstream subscription as soon as nobody follows it.
 */
export function createStreamPortHandler(hub: StreamHub) {
  const unfollowers = new WeakMap<FollowerPort, () => void>();
  const watched = new WeakSet<FollowerPort>();

  const stop = (port: FollowerPort) => {
    unfollowers.get(port)?.();
    unfollowers.delete(port);
  };

  return (port: FollowerPort, request: StreamPortRequest | undefined): void => {
    if (!watched.has(port)) {
      watched.add(port);
      port.onDisconnect.addListener(() => stop(port));
    }
    stop(port);
    if (request?.type !== "follow") return;
    const handle = normalizeCreatorHandle(request.handle);
    if (!handle) {
      port.postMessage({ type: "status", connected: false });
      return;
    }
    unfollowers.set(
      port,
      hub.follow(handle, (message) => {
        try {
          port.postMessage(message);
        } catch {
          stop(port);
        }
      }),
    );
  };
}
