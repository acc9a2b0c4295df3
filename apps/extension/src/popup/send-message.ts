import { sendToBackground } from "@plasmohq/messaging";
import type { SendMessage } from "../messaging/api-client.ts";
import type { Messages } from "../messaging/contract.ts";

/** The popup's line to the background worker (which holds the session and calls the API). */
export const sendMessage: SendMessage = <N extends keyof Messages>(
  name: N,
  body: Messages[N]["req"],
) => sendToBackground<Messages[N]["req"], Messages[N]["res"]>({ name, body });
