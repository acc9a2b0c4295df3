import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { TrpcPortRequest, TrpcPortResponse } from "../../messaging/contract.ts";
import { identifyCaller } from "../access.ts";
import { relayTrpcRequest } from "../relay-trpc.ts";
import { confirmWindows, sessions, trpc } from "../services.ts";

const handler: PlasmoMessaging.PortHandler<TrpcPortRequest, TrpcPortResponse> = async (req) => {
  const port = req.port;
  if (!port || !req.body) return;
  // Who is asking comes from what the browser stamped on the port, never from the message.
  const caller = identifyCaller(port.sender ?? {}, chrome.runtime.id, chrome.runtime.getURL(""));
  const response = await relayTrpcRequest(caller, req.body, {
    client: trpc,
    sessions,
    confirmInWindow: confirmWindows.confirmInWindow,
  });
  if (!response) return;
  try {
    port.postMessage(response);
  } catch {
    // The page closed before the answer: nothing to tell.
  }
};

export default handler;
