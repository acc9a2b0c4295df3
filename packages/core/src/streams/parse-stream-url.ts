import { matchKickPage } from "./match-kick-page.ts";
import { matchTiktokPage } from "./match-tiktok-page.ts";
import { matchTwitchPage } from "./match-twitch-page.ts";
import { matchYoutubePage } from "./match-youtube-page.ts";
import { splitPageUrl } from "./split-page-url.ts";
import type { StreamRef } from "./stream-ref.ts";

// Each matcher owns its hosts, so at most one can answer for a given URL.
const PAGE_MATCHERS = [matchTwitchPage, matchYoutubePage, matchTiktokPage, matchKickPage];

/**
 * Says which stream a page URL shows, or null when it is not a stream page Coinstream supports.
 * Total: any string, however malformed, gives a result and never an exception.
 *
 * Recognised pages: Twitch `twitch.tv/<login>`, Kick `kick.com/<slug>`, TikTok
 * `tiktok.com/@<user>/live`, YouTube `youtube.com/@<handle>/live`,
 * `youtube.com/channel/<UC id>/live`, `youtube.com/watch?v=<id>`, `youtube.com/live/<id>` and
 * `youtu.be/<id>` (with the `www.` and `m.` hosts each site uses).
 *
 * Tolerated: a missing scheme, http or https, a query string, a fragment, one trailing slash, and
 * any letter case in the host and in path keywords ("LIVE", "WATCH", "CHANNEL"). Refused: other
 * schemes, look-alike hosts, userinfo (`user:pw@`), an explicit non-default port, sub-pages,
 * VODs and each site's own pages (`twitch.tv/directory`, `kick.com/categories` ...).
 *
 * @example
 * parseStreamUrl("https://www.twitch.tv/xQc?referrer=raid")
 * // { platform: "twitch", channel: "xqc", videoId: null }
 * parseStreamUrl("youtu.be/dQw4w9WgXcQ")
 * // { platform: "youtube", channel: null, videoId: "dQw4w9WgXcQ" }
 */
export function parseStreamUrl(url: string): StreamRef | null {
  if (typeof url !== "string") return null;
  const page = splitPageUrl(url);
  if (page === null) return null;
  for (const match of PAGE_MATCHERS) {
    const stream = match(page);
    if (stream !== null) return stream;
  }
  return null;
}
