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
export interface SiteAdapter {
  readonly id: "twitch" | "youtube" | "kick" | "tiktok" | "page";
  /** True for the hostnames this adapter knows. */
  matchesHost(hostname: string): boolean;
  /** Tried in order; the first visible match is the anchor. */
  readonly barAnchors: readonly AnchorRule[];
  /** Tried in order; the first visible match is the player. */
  readonly players: readonly string[];
  /** The page's creator can appear late in the body (YouTube's owner link), so watch all of it. */
  readonly watchBody: boolean;
}
