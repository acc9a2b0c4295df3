import { normalizeCreatorHandle } from "@coinstream/core";
import type { Hono } from "hono";
import { html } from "hono/html";

/**
 * A local page standing in for a creator's own stream site: it declares its creator with the
 * `coinstream:creator` meta tag, which is all the extension needs to offer gifts on it, and says
 * it is live (`coinstream:live`), so the extension reports it live every minute.
 */
export function mountDemoStreamPage<A extends Hono>(app: A): A {
  app.get("/demo/stream/:handle", (c) => {
    const handle = normalizeCreatorHandle(c.req.param("handle"));
    if (!handle) return c.text("Not a creator handle", 404);
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="coinstream:creator" content="${handle}" />
          <meta name="coinstream:live" content="true" />
          <link rel="icon" href="data:," />
          <title>${handle} is live: Coinstream demo stream</title>
        </head>
        <body style="font-family: system-ui; background: #0e0e10; color: #efeff1; margin: 0">
          <main style="max-width: 960px; margin: 2rem auto">
            <h1>@${handle} is live</h1>
            <div id="player" style="aspect-ratio: 16 / 9; background: #18181b; display: grid; place-items: center">
              demo stream
            </div>
          </main>
        </body>
      </html>`);
  });
  return app;
}
