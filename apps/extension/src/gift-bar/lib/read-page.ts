import { parseStreamUrl } from "@coinstream/core";
import type { PageSnapshot } from "./page-target.ts";

const CREATOR_META_NAME = "coinstream:creator";

/**
 * Where YouTube's watch page links the video's channel, newest layouts first. Only the rendered
 * owner block: the page's microdata is written once at load and goes stale after the first
 * in-app navigation, so it would name the previous video's channel.
 */
const YOUTUBE_OWNER_LINKS = [
  "ytd-watch-metadata ytd-video-owner-renderer a[href]",
  "ytd-watch-metadata ytd-channel-name a[href]",
  "#owner ytd-channel-name a[href]",
  "ytd-video-owner-renderer a[href]",
  "ytm-slim-owner-renderer a[href]",
];

/** Reads what decides a page's creator: the URL, the creator meta tag and YouTube's owner link. */
export function readPage(doc: Document, url: string): PageSnapshot {
  const declaredHandle = findCreatorMeta(doc)?.getAttribute("content") ?? null;
  const stream = parseStreamUrl(url);
  const isYoutubeVideo = stream?.platform === "youtube" && stream.videoId !== null;
  return {
    url,
    declaredHandle,
    youtubeChannelHref: isYoutubeVideo ? findYoutubeOwnerHref(doc, stream.videoId) : null,
  };
}

/**
 * The owner link of the video on screen. While YouTube swaps videos in place, the watch element's
 * `video-id` says which video the rendered metadata belongs to; a mismatch means "not yet".
 */
function findYoutubeOwnerHref(doc: Document, videoId: string | null): string | null {
  const watch = doc.querySelector("ytd-watch-flexy");
  const renderedVideo = watch?.getAttribute("video-id");
  if (watch && renderedVideo && renderedVideo !== videoId) return null;
  for (const selector of YOUTUBE_OWNER_LINKS) {
    const href = doc.querySelector(selector)?.getAttribute("href");
    if (href) return href;
  }
  return null;
}

/** The first `<meta name="coinstream:creator">`, its name in any letter case (as core reads it). */
function findCreatorMeta(doc: Document): Element | null {
  for (const meta of doc.querySelectorAll("meta[name]")) {
    if (meta.getAttribute("name")?.toLowerCase() === CREATOR_META_NAME) return meta;
  }
  return null;
}
