import { matchChannelRoot } from "./match-channel-root.ts";
import type { PageUrlParts } from "./split-page-url.ts";
import type { StreamRef } from "./stream-ref.ts";

const KICK_HOSTS: ReadonlySet<string> = new Set(["kick.com", "www.kick.com"]);

const KICK_SLUG = /^[a-z0-9_-]{3,25}$/i;

/** First path segments that are Kick's own pages, not channels, although they look like slugs. */
export const KICK_RESERVED_PATHS: ReadonlySet<string> = new Set([
  "about",
  "api",
  "auth",
  "browse",
  "careers",
  "categories",
  "category",
  "clip",
  "clips",
  "community-guidelines",
  "contact",
  "cookie-policy",
  "dashboard",
  "dmca",
  "faq",
  "following",
  "help",
  "legal",
  "login",
  "logout",
  "messages",
  "notifications",
  "partners",
  "popout",
  "privacy-policy",
  "register",
  "search",
  "settings",
  "signup",
  "subscriptions",
  "support",
  "terms-of-service",
  "transparency",
  "video",
  "videos",
  "wallet",
]);

/**
 * Recognises a Kick channel page, `kick.com/<slug>`, and returns its lower-cased slug. Sub-paths
 * and Kick's own pages are null.
 */
export function matchKickPage(page: PageUrlParts): StreamRef | null {
  return matchChannelRoot(
    { platform: "kick", hosts: KICK_HOSTS, name: KICK_SLUG, reserved: KICK_RESERVED_PATHS },
    page,
  );
}
