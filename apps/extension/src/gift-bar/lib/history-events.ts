/**
 * The window event the main-world history bridge (contents/history-bridge.ts) fires after the
 * page calls history.pushState or replaceState. Content scripts run in an isolated world, where
 * wrapping `history` would not see the page's own calls; DOM events cross worlds.
 */
export const HISTORY_CHANGE_EVENT = "coinstream:history-change";
