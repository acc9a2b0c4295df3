import { createServer, type Server } from "node:http";
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
export async function startTwitchStandIn(): Promise<StandInSite> {
  const server: Server = createServer((request, response) => {
    const channel = /^\/([A-Za-z0-9_]{1,25})$/.exec(request.url ?? "")?.[1];
    if (!channel) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(channel));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function page(channel: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>${channel} - Twitch</title>
  </head>
  <body style="margin: 0; display: flex; font-family: sans-serif; background: #0e0e10; color: #efeff1">
    <main style="flex: 1; padding: 16px">
      <div class="video-player" style="aspect-ratio: 16 / 9; background: #18181b"></div>
      <h1>${channel}</h1>
    </main>
    <aside class="stream-chat" style="width: 340px; display: flex; flex-direction: column; height: 100vh">
      <div style="flex: 1">stream chat</div>
      <div class="chat-input" style="padding: 8px"><textarea aria-label="Send a message"></textarea></div>
    </aside>
  </body>
</html>`;
}
