import type { PageUrlParts } from "./split-page-url.ts";
import type { StreamRef } from "./stream-ref.ts";

const YOUTUBE_HOSTS: ReadonlySet<string> = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
]);

const SHORT_LINK_HOST = "youtu.be";

const HANDLE = /^[a-z0-9_.-]{3,30}$/i;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * Recognises a YouTube live or video page:
 *
 * - `youtube.com/@<handle>/live`: channel is the lower-cased handle without "@";
 * - `youtube.com/channel/<UC id>/live`: channel is the id, case kept;
 * - `youtube.com/watch?v=<id>`, `youtube.com/live/<id>`, `youtu.be/<id>`: videoId, case kept.
 *
 * Everything else (a bare `/@handle`, `/shorts/...`, `/feed`, `/results` ...) is null.
 */
export function matchYoutubePage(page: PageUrlParts): StreamRef | null {
  if (page.hostname === SHORT_LINK_HOST) {
    return page.segments.length === 1 ? toVideo(page.segments[0]) : null;
  }
  if (!YOUTUBE_HOSTS.has(page.hostname)) return null;

  const [first, second, third, ...rest] = page.segments;
  if (first === undefined || rest.length > 0) return null;
  const keyword = first.toLowerCase();

  if (second === undefined) {
    return keyword === "watch" ? toVideo(page.searchParams.get("v")) : null;
  }
  if (third === undefined) {
    if (keyword === "live") return toVideo(second);
    if (first.startsWith("@") && isLive(second)) return toHandleChannel(first.slice(1));
    return null;
  }
  if (keyword === "channel" && isLive(third) && CHANNEL_ID.test(second)) {
    return { platform: "youtube", channel: second, videoId: null };
  }
  return null;
}

function isLive(segment: string): boolean {
  return segment.toLowerCase() === "live";
}

function toHandleChannel(handle: string): StreamRef | null {
  if (!HANDLE.test(handle)) return null;
  return { platform: "youtube", channel: handle.toLowerCase(), videoId: null };
}

function toVideo(id: string | null | undefined): StreamRef | null {
  if (id == null || !VIDEO_ID.test(id)) return null;
  return { platform: "youtube", channel: null, videoId: id };
}
