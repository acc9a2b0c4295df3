import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { giftIcon, RATE_CARD } from "@coinstream/core";
import { html, raw } from "hono/html";

/** The gift effects the extension's gift bar draws too (one source), then the overlay's own. */
const STYLES = [
  createRequire(import.meta.url).resolve("@coinstream/ui-styles/stream-effects.css"),
  new URL("./overlay.css", import.meta.url),
]
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");
const SCRIPT = readFileSync(new URL("./overlay-client.js", import.meta.url), "utf8");

const GIFTS = RATE_CARD.gifts.map((gift) => ({
  id: gift.id,
  name: gift.name,
  tier: gift.tier,
  icon: giftIcon(gift.id),
}));

/** JSON that is safe inside a `<script>` data block: no `<` can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

/**
 * The overlay page: markup, the stylesheet and the script inline (the CSP admits them by
 * `nonce`), and the addresses the script reads from. The key is checked before this is built.
 */
export function renderOverlayPage(input: { readonly key: string; readonly nonce: string }) {
  const base = `/overlay/${input.key}`;
  const config = { stateUrl: `${base}/state`, eventsUrl: `${base}/events`, gifts: GIFTS };
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Coinstream overlay</title>
    <style nonce="${input.nonce}">${raw(STYLES)}</style>
  </head>
  <body>
    <div id="stage"></div>
    <section id="alerts" aria-live="polite"></section>
    <aside id="top-gifters" hidden>
      <h2>Top gifters</h2>
      <ol id="top-gifters-list"></ol>
    </aside>
    <section id="goal" hidden>
      <div class="goal-head"><span id="goal-title"></span><span id="goal-numbers"></span></div>
      <div class="track"><div id="goal-fill"></div></div>
    </section>
    <script type="application/json" id="overlay-config">${raw(scriptJson(config))}</script>
    <script nonce="${input.nonce}">${raw(SCRIPT)}</script>
  </body>
</html>`;
}
