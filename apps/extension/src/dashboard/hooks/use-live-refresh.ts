import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { useDashboard } from "../api-context.tsx";

/** Events arriving together (a combo, a burst) ask the API once. */
export const LIVE_REFRESH_DELAY_MS = 300;

export type LiveState = "off" | "connecting" | "on" | "reconnecting";

/**
 * Follows the creator's own stream and, when a gift, tip or paid message arrives, loads again
 * what it changed: the overview (earnings, held), the earnings list and the status (diamonds).
 * A reconnect loads them again too, in case an event went by while the port was down.
 */
export function useLiveRefresh(handle: string): LiveState {
  const { followStream } = useDashboard();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>(followStream ? "connecting" : "off");

  useEffect(() => {
    if (!followStream) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let wasDown = false;
    const refresh = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        for (const queryKey of [
          trpc.creator.overview.pathKey(),
          trpc.creator.earnings.pathKey(),
          trpc.creator.status.pathKey(),
        ]) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }, LIVE_REFRESH_DELAY_MS);
    };
    const stop = followStream(handle, (message) => {
      if (message.type === "status") {
        if (message.connected && wasDown) refresh();
        wasDown = !message.connected;
        setState(message.connected ? "on" : "reconnecting");
        return;
      }
      setState("on");
      if (message.event.kind !== "goal") refresh();
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      stop();
    };
  }, [followStream, handle, queryClient, trpc]);

  return state;
}
