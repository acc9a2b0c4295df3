import { matchChannelRoot } from "./match-channel-root.ts";
import type { PageUrlParts } from "./split-page-url.ts";
import type { StreamRef } from "./stream-ref.ts";

const TWITCH_HOSTS: ReadonlySet<string> = new Set(["twitch.tv", "www.twitch.tv", "m.twitch.tv"]);

const TWITCH_LOGIN = /^[a-z0-9_]{3,25}$/i;

/**
 * First path segments that are Twitch's own pages, not channels, although they look like logins.
 * Twitch keeps these names from being registered, so a miss here only ever hides a site page.
 */
export const TWITCH_RESERVED_PATHS: ReadonlySet<string> = new Set([
  "activate",
  "bits",
  "broadcast",
  "checkout",
  "clips",
  "collections",
  "creatorcamp",
  "dashboard",
  "directory",
  "downloads",
  "drops",
  "embed",
  "event",
  "extensions",
  "following",
  "friends",
  "help",
  "inventory",
  "jobs",
  "legal",
  "login",
  "logout",
  "manager",
  "messages",
  "moderator",
  "notifications",
  "p",
  "payments",
  "popout",
  "prime",
  "privacy",
  "products",
  "redeem",
  "search",
  "security",
  "settings",
  "signup",
  "store",
  "subs",
  "subscriptions",
  "team",
  "terms",
  "turbo",
  "u",
  "user",
  "videos",
  "wallet",
]);

/**
 * Recognises a Twitch channel page, `twitch.tv/<login>`, and returns its lower-cased login.
 * Sub-pages (`/<login>/videos`), VODs (`/videos/<id>`) and Twitch's own pages are null: only a
 * channel page shows the live stream a gift would go to.
 */
export function matchTwitchPage(page: PageUrlParts): StreamRef | null {
  return matchChannelRoot(
    {
      platform: "twitch",
      hosts: TWITCH_HOSTS,
      name: TWITCH_LOGIN,
      reserved: TWITCH_RESERVED_PATHS,
    },
    page,
  );
}
