import { createServer, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";

export interface StandInSite {
  /** 127.0.0.1:PORT, for Chromium's --host-resolver-rules. */
  readonly address: string;
  readonly close: () => Promise<void>;
}

/**
 * A local server answering for www.twitch.tv (Chromium maps the name to it): every channel path
 * gets a page with Twitch's player and chat-input landmarks, which the Twitch site adapter uses
 * to place the bar above the chat input. The extension reads the channel from the URL only.
 */
export function startTwitchStandIn(): Promise<StandInSite> {
  return startStandIn((path) => {
    const channel = /^\/([A-Za-z0-9_]{1,25})$/.exec(path)?.[1];
    return channel ? page(channel) : null;
  });
}

/**
 * A local server answering each path with the page `render` gives, or 404 for null; over TLS
 * with `tls` (a self-signed certificate: the E2E's browser ignores certificate errors), for hosts
 * Chromium only reaches over https (HSTS preloaded, like youtube.com).
 */
export async function startStandIn(
  render: (path: string) => string | null,
  tls?: { readonly key: string; readonly cert: string },
): Promise<StandInSite> {
  const handler = (
    request: import("node:http").IncomingMessage,
    response: import("node:http").ServerResponse,
  ) => {
    const html = render(request.url ?? "/");
    if (html === null) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  };
  const server: Server = tls ? createTlsServer(tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Twitch's layout: player and title on the left, a 340 px chat column the full height on the
 * right; narrower than 700 px (Twitch's own breakpoint) the chat goes under the player.
 */
function page(channel: string): string {
  const lines = Array.from(
    { length: 40 },
    (_, i) => `<p style="margin: 4px 8px"><b>viewer${i}</b>: message number ${i} in the chat</p>`,
  ).join("");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>${channel} - Twitch</title>
    <style>
      body { margin: 0; display: flex; height: 100vh; font-family: sans-serif; background: #0e0e10; color: #efeff1 }
      main { flex: 1; min-width: 0; padding: 16px; overflow: auto }
      .stream-chat { width: 340px; flex: none; display: flex; flex-direction: column; height: 100vh; background: #18181b }
      .chat-scroller { flex: 1; min-height: 0; overflow: hidden; display: flex; flex-direction: column; justify-content: flex-end }
      .chat-input { padding: 8px } .chat-input textarea { width: 100%; box-sizing: border-box }
      @media (max-width: 699px) {
        body { flex-direction: column }
        main { flex: none; padding: 0; overflow: visible }
        h1 { margin: 4px 8px; font-size: 18px }
        .stream-chat { width: 100%; height: auto; flex: 1; min-height: 0 }
      }
    </style>
  </head>
  <body>
    <main>
      <div class="video-player" style="aspect-ratio: 16 / 9; background: #333"></div>
      <h1 id="channel-title">${channel}</h1>
    </main>
    <aside class="stream-chat" id="chat-column">
      <div class="chat-scroller">${lines}</div>
      <div class="chat-input"><textarea aria-label="Send a message"></textarea></div>
    </aside>
  </body>
</html>`;
}
