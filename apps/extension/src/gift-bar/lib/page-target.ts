import { parseStreamUrl, type StreamRef } from "@coinstream/core";
import { detectStream } from "../../lib/detect-stream.ts";

/** What the content script reads from a page to decide whose stream it is. */
export interface PageSnapshot {
  readonly url: string;
  /** The raw `content` of `<meta name="coinstream:creator">`, or null. */
  readonly declaredHandle: string | null;
  /** On a YouTube video page, the href of the video owner's channel link, or null. */
  readonly youtubeChannelHref: string | null;
}

/** Where gifts go, in the API's `streamTargetSchema` shape. */
export type StreamTarget = { readonly url: string } | { readonly handle: string };

/** The creator a page belongs to: `key` changes exactly when the creator (as seen) changes. */
export interface PageTarget {
  readonly key: string;
  readonly to: StreamTarget;
}

/**
 * Decides which stream target a page snapshot names, or null. A platform URL wins over a page's
 * meta tag (detectStream's rule); a YouTube video page names its channel through the owner link
 * on the page, since the URL alone does not say whose video it is.
 */
export function toPageTarget(snapshot: PageSnapshot): PageTarget | null {
  const detected = detectStream(snapshot.url, snapshot.declaredHandle);
  if (detected === null) return null;
  if (detected.kind === "declared") {
    return { key: `handle:${detected.handle}`, to: { handle: detected.handle } };
  }
  const stream =
    detected.stream.channel === null
      ? youtubeChannelFromHref(snapshot.youtubeChannelHref)
      : detected.stream;
  if (stream === null) return null;
  const url = channelPageUrl(stream);
  return url === null ? null : { key: `${stream.platform}:${stream.channel}`, to: { url } };
}

/**
 * The canonical live page of a channel, which parseStreamUrl reads back as the same channel.
 * Sending this instead of the address bar keeps requests short and free of tracking parameters.
 */
export function channelPageUrl(stream: StreamRef): string | null {
  const { channel } = stream;
  if (channel === null) return null;
  switch (stream.platform) {
    case "twitch":
      return `https://www.twitch.tv/${channel}`;
    case "kick":
      return `https://kick.com/${channel}`;
    case "tiktok":
      return `https://www.tiktok.com/@${channel}/live`;
    case "youtube":
      return YOUTUBE_CHANNEL_ID.test(channel)
        ? `https://www.youtube.com/channel/${channel}/live`
        : `https://www.youtube.com/@${channel}/live`;
  }
}

const YOUTUBE_CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const YOUTUBE_HOSTS: ReadonlySet<string> = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
]);

/** "/@nova", "https://www.youtube.com/channel/UC.../videos" -> that channel, through core's parser. */
export function youtubeChannelFromHref(href: string | null): StreamRef | null {
  if (href === null || href.trim() === "") return null;
  let link: URL;
  try {
    link = new URL(href, "https://www.youtube.com/");
  } catch {
    return null;
  }
  if (!YOUTUBE_HOSTS.has(link.hostname)) return null;
  const [first, second] = link.pathname.split("/").filter((segment) => segment !== "");
  if (first === undefined) return null;
  const channelPath = first.startsWith("@")
    ? first
    : first === "channel" && second !== undefined
      ? `channel/${second}`
      : null;
  if (channelPath === null) return null;
  const stream = parseStreamUrl(`https://www.youtube.com/${channelPath}/live`);
  return stream?.channel ? stream : null;
}
