import type { PageUrlParts } from "./split-page-url.ts";
import type { StreamPlatform, StreamRef } from "./stream-ref.ts";

/** A site whose channel pages are the bare first path segment (`site/<name>`). */
export interface ChannelRootSite {
  readonly platform: StreamPlatform;
  readonly hosts: ReadonlySet<string>;
  readonly name: RegExp;
  /** Lower-cased first segments that are the site's own pages, not channels. */
  readonly reserved: ReadonlySet<string>;
}

/**
 * Matches `site/<name>` exactly (sub-pages are null) and returns the lower-cased name, unless
 * it is one of the site's own pages.
 */
export function matchChannelRoot(site: ChannelRootSite, page: PageUrlParts): StreamRef | null {
  if (!site.hosts.has(page.hostname)) return null;
  const [name, ...rest] = page.segments;
  if (name === undefined || rest.length > 0 || !site.name.test(name)) return null;
  const channel = name.toLowerCase();
  if (site.reserved.has(channel)) return null;
  return { platform: site.platform, channel, videoId: null };
}
