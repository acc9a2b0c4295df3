import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";

export interface StandInSite {
  /** 127.0.0.1:PORT, for Chromium's --host-resolver-rules. */
  readonly address: string;
  readonly close: () => Promise<void>;
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
  const handler = (request: IncomingMessage, response: ServerResponse) => {
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
    close: () =>
      new Promise((resolve) => {
        // A browser still open keeps its connections alive: they would hold the close.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stand-in's page: UTF-8, no favicon request, `title`, then `head` (styles, meta tags) and `body`. */
export function standInDocument(page: {
  readonly title: string;
  readonly head?: string;
  readonly body: string;
}): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>${page.title}</title>
    ${page.head ?? ""}
  </head>
  ${page.body}
</html>`;
}
