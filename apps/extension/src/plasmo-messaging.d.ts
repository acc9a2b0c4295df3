/*
 * The message and port names the background handles (src/background/messages, ports), as Plasmo's
 * generated .plasmo/messaging.d.ts declares them, so `sendToBackground({ name: "auth" })` and
 * `getPort("stream")` type-check on a fresh clone before any build.
 */
import "@plasmohq/messaging";

declare module "@plasmohq/messaging" {
  interface MessagesMetadata {
    auth: Record<string, never>;
    "open-tab": Record<string, never>;
    "show-launcher": Record<string, never>;
    "spend-confirmation": Record<string, never>;
  }
  interface PortsMetadata {
    stream: Record<string, never>;
    /** Every tRPC query and mutation from a page (messaging/port-link.ts). */
    trpc: Record<string, never>;
  }
}
