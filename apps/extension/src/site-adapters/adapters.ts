import type { SiteAdapter } from "./site-adapter.ts";

function hostIs(...domains: string[]) {
  return (hostname: string) => {
    const host = hostname.toLowerCase();
    return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  };
}

/** Twitch: above the chat input, like the platform's own Bits and cheer controls. */
export const twitchAdapter: SiteAdapter = {
  id: "twitch",
  matchesHost: hostIs("twitch.tv"),
  barAnchors: [
    { selector: ".chat-input", position: "beforebegin" },
    { selector: '[data-test-selector="chat-input"]', position: "beforebegin" },
    { selector: ".stream-chat-footer", position: "afterbegin" },
  ],
  chatDocks: [
    { chat: ".stream-chat", input: ".chat-input" },
    { chat: '[data-test-selector="chat-room-component-layout"]', input: ".chat-input" },
    { chat: ".chat-shell", input: '[data-a-target="chat-input"]' },
  ],
  players: [".video-player", '[data-a-target="video-player"]', "video"],
  watchBody: false,
  liveSignals: [
    ".live-indicator-container",
    '[data-a-target="animated-channel-viewers-count"]',
    ".tw-channel-status-text-indicator",
  ],
};

/** YouTube: right below the player, above the title. */
export const youtubeAdapter: SiteAdapter = {
  id: "youtube",
  matchesHost: hostIs("youtube.com"),
  barAnchors: [
    { selector: "ytd-watch-flexy #below", position: "afterbegin" },
    { selector: "ytd-watch-metadata", position: "beforebegin" },
    { selector: "ytm-slim-video-metadata-section-renderer", position: "beforebegin" },
  ],
  // The live chat (and its input) is a frame of youtube.com's own: the launcher docks over its
  // bottom edge, above the input row.
  chatDocks: [
    { chat: "ytd-live-chat-frame#chat", input: null, inputHeight: 64 },
    { chat: "#chat-container", input: null, inputHeight: 64 },
  ],
  players: ["#movie_player", ".html5-video-player", "video"],
  watchBody: true,
  liveSignals: [".html5-video-player.ytp-live", 'meta[itemprop="isLiveBroadcast"][content="True"]'],
};

/** Kick: above the chat input. */
export const kickAdapter: SiteAdapter = {
  id: "kick",
  matchesHost: hostIs("kick.com"),
  barAnchors: [
    { selector: "#chatroom-footer", position: "afterbegin" },
    { selector: "#chat-input-wrapper", position: "beforebegin" },
    { selector: '[data-testid="chat-input"]', position: "beforebegin" },
  ],
  chatDocks: [
    { chat: "#chatroom", input: "#chatroom-footer" },
    { chat: '[data-testid="chatroom"]', input: '[data-testid="chat-input"]' },
  ],
  players: ["#video-player", '[data-testid="video-player"]', "video"],
  watchBody: false,
  liveSignals: ['[data-testid="live-badge"]', ".live-badge"],
};

/** TikTok LIVE: at the top of the side panel, above the chat. */
export const tiktokAdapter: SiteAdapter = {
  id: "tiktok",
  matchesHost: hostIs("tiktok.com"),
  barAnchors: [
    { selector: '[data-e2e="live-side-panel"]', position: "afterbegin" },
    { selector: '[data-e2e="chat-room"]', position: "beforebegin" },
  ],
  chatDocks: [
    { chat: '[data-e2e="live-side-panel"]', input: '[data-e2e="comment-input"]' },
    { chat: '[data-e2e="chat-room"]', input: null, inputHeight: 56 },
  ],
  players: ['[data-e2e="live-player"]', '[data-e2e="live-room-player"]', "video"],
  watchBody: false,
  liveSignals: ['[data-e2e="live-player"]', '[data-e2e="live-room-player"]'],
};

/**
 * Any other page (a creator's own site declaring itself with the meta tag): the page may offer
 * a slot with `data-coinstream-bar`; the player is `data-coinstream-player`, `#player` or the
 * first video; `<meta name="coinstream:live" content="true">` says the stream is live.
 */
export const pageAdapter: SiteAdapter = {
  id: "page",
  matchesHost: () => true,
  barAnchors: [{ selector: "[data-coinstream-bar]", position: "beforeend" }],
  chatDocks: [{ chat: "[data-coinstream-chat]", input: "[data-coinstream-chat-input]" }],
  players: ["[data-coinstream-player]", "#player", "video"],
  watchBody: false,
  liveSignals: ['meta[name="coinstream:live" i][content="true" i]'],
};

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  twitchAdapter,
  youtubeAdapter,
  kickAdapter,
  tiktokAdapter,
];

/** The adapter for a hostname; the generic page adapter for sites without one. */
export function chooseAdapter(hostname: string): SiteAdapter {
  return SITE_ADAPTERS.find((adapter) => adapter.matchesHost(hostname)) ?? pageAdapter;
}

/** Does the page show its stream as live now (one of its adapter's live signals)? */
export function isPageLive(adapter: SiteAdapter, doc: ParentNode): boolean {
  return adapter.liveSignals.some((selector) => doc.querySelector(selector) !== null);
}
