import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a stand-in answers at one path: a page, or a handler for anything unusual. */
export type StandInPage =
  | {
      readonly status?: number;
      readonly body?: string | Buffer;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | ((request: IncomingMessage, response: ServerResponse) => void);

export interface StandInSite {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  /** Path -> page; anything else is a 404. */
  readonly pages: Map<string, StandInPage>;
  /** Paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for a streaming platform or a creator's website in tests, so
 * channel verification runs without the network.
 */
export async function startStandInSite(): Promise<StandInSite> {
  const pages = new Map<string, StandInPage>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://stand-in").pathname;
    requests.push(path);
    const page = pages.get(path);
    if (typeof page === "function") return page(request, response);
    if (!page) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response
      .writeHead(page.status ?? 200, {
        "content-type": "text/html; charset=utf-8",
        ...page.headers,
      })
      .end(page.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that sends headers and then never finishes, like a page that hangs. */
export function hangingPage(): StandInPage {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.write("<html><body>");
  };
}

/** A handler that streams `bytes` of filler without announcing a length. */
export function endlessPage(bytes: number): StandInPage {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    const chunk = Buffer.alloc(16 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      response.end();
    };
    response.on("error", () => {});
    pump();
  };
}
