/** The live-streaming sites Coinstream recognises in a viewer's address bar. */
export type StreamPlatform = "twitch" | "youtube" | "tiktok" | "kick";

/**
 * What a stream page URL points at. A channel page sets `channel` (the platform's login, handle,
 * slug or YouTube channel id) and leaves `videoId` null; a YouTube video or live-stream page sets
 * `videoId` and leaves `channel` null, because the URL alone does not say whose video it is.
 */
export interface StreamRef {
  readonly platform: StreamPlatform;
  /**
   * Twitch login, Kick slug, TikTok user and YouTube handle are lower-cased (the platforms treat
   * them case-insensitively); a YouTube channel id ("UC" + 22 characters) keeps its case.
   */
  readonly channel: string | null;
  /** A YouTube video id, 11 characters, case kept. */
  readonly videoId: string | null;
}
