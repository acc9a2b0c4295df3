import type { PageUrlParts } from "./split-page-url.ts";
import type { StreamRef } from "./stream-ref.ts";

const TIKTOK_HOSTS: ReadonlySet<string> = new Set(["tiktok.com", "www.tiktok.com", "m.tiktok.com"]);

const TIKTOK_USER = /^[a-z0-9_.]{2,24}$/i;

/**
 * Recognises a TikTok LIVE page, `tiktok.com/@<user>/live`, and returns the lower-cased user.
 * A profile without `/live` is null: it shows videos, not the stream.
 */
export function matchTiktokPage(page: PageUrlParts): StreamRef | null {
  if (!TIKTOK_HOSTS.has(page.hostname)) return null;
  const [profile, keyword, ...rest] = page.segments;
  if (profile === undefined || keyword === undefined || rest.length > 0) return null;
  if (keyword.toLowerCase() !== "live" || !profile.startsWith("@")) return null;
  const user = profile.slice(1);
  if (!TIKTOK_USER.test(user)) return null;
  return { platform: "tiktok", channel: user.toLowerCase(), videoId: null };
}
