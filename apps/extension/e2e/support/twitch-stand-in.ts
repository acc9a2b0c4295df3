import { type StandInSite, standInDocument, startStandIn } from "./stand-in-site.ts";

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
 * Twitch's layout: player and title on the left, a 340 px chat column the full height on the
 * right; narrower than 700 px (Twitch's own breakpoint) the chat goes under the player.
 */
function page(channel: string): string {
  const lines = Array.from(
    { length: 40 },
    (_, i) => `<p style="margin: 4px 8px"><b>viewer${i}</b>: message number ${i} in the chat</p>`,
  ).join("");
  return standInDocument({
    title: `${channel} - Twitch`,
    head: `<style>
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
    </style>`,
    body: `<body>
    <main>
      <div class="video-player" style="aspect-ratio: 16 / 9; background: #333"></div>
      <h1 id="channel-title">${channel}</h1>
    </main>
    <aside class="stream-chat" id="chat-column">
      <div class="chat-scroller">${lines}</div>
      <div class="chat-input"><textarea aria-label="Send a message"></textarea></div>
    </aside>
  </body>`,
  });
}
