/** Where the gift bar goes relative to an anchor element (insertAdjacentElement's positions). */
export type InsertPosition = "beforebegin" | "afterbegin" | "beforeend" | "afterend";

export interface AnchorRule {
  readonly selector: string;
  readonly position: InsertPosition;
}

/**
 * A site's layout knowledge, and nothing else: where the gift bar sits and which element is
 * the player (the animations play over it). Detection, the API and the bar itself are the same
 * everywhere. When no rule matches (the site changed its layout) the bar floats instead.
 */
/**
 * The site's chat column and its input (inside the column). Without an input selector (the
 * input lives in a frame the extension does not reach, YouTube's live chat) the input is taken
 * to be the column's bottom `inputHeight` pixels.
 */
export interface ChatDockRule {
  readonly chat: string;
  readonly input: string | null;
  readonly inputHeight?: number;
}

export interface SiteAdapter {
  readonly id: "twitch" | "youtube" | "kick" | "tiktok" | "page";
  /** True for the hostnames this adapter knows. */
  matchesHost(hostname: string): boolean;
  /** Tried in order; the first visible match is the anchor. */
  readonly barAnchors: readonly AnchorRule[];
  /** Tried in order: where the launcher docks (by the chat input, like the site's own tipping). */
  readonly chatDocks: readonly ChatDockRule[];
  /** Tried in order; the first visible match is the player. */
  readonly players: readonly string[];
  /** The page's creator can appear late in the body (YouTube's owner link), so watch all of it. */
  readonly watchBody: boolean;
  /** Any of these present means the stream on the page is live now (the site's own live badge). */
  readonly liveSignals: readonly string[];
}
