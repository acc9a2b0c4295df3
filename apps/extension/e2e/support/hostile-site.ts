import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HostileSite {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** 127.0.0.1:PORT: the host a creator's verified website channel names. */
  readonly host: string;
  readonly close: () => Promise<void>;
}

/**
 * A page that declares a Coinstream creator with the meta tag, the way a creator's own site
 * does, and then turns on the viewer: its script (driven by the E2E through `page.evaluate`,
 * which runs in the page's own world) clicks everything it can reach, reads the DOM and hides
 * or covers whatever the extension shows. `/` serves it for `handle`.
 */
export async function startHostileSite(handle: string): Promise<HostileSite> {
  const server: Server = createServer((request, response) => {
    if (request.url !== "/") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(handle));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function page(handle: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="coinstream:creator" content="${handle}" />
    <link rel="icon" href="data:," />
    <title>Totally normal stream</title>
  </head>
  <body style="margin: 0; font-family: sans-serif">
    <main style="padding: 16px"><h1>Watch @${handle} here</h1></main>
  </body>
</html>`;
}
