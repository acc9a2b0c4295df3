/**
 * The parts of a web page URL that stream-page rules look at, after the checks every platform
 * shares: an http(s) scheme, no userinfo and no explicit port.
 */
export interface PageUrlParts {
  /** Lower-cased by the URL parser, e.g. "www.twitch.tv". */
  readonly hostname: string;
  /**
   * Path segments as they appear in the URL (still percent-encoded, case kept). One trailing
   * slash is dropped; the site root is `[]`.
   */
  readonly segments: readonly string[];
  readonly searchParams: { get(name: string): string | null };
}

const SCHEME_PREFIX = /^[a-z][a-z\d+.-]*:/i;

/**
 * Parses `input` the way a browser's address bar would and returns its host, path segments and
 * query, or null when it is not an http(s) page URL a viewer could be watching. Never throws.
 *
 * - A missing scheme means https ("twitch.tv/xqc", "//twitch.tv/xqc").
 * - Any other scheme (javascript:, ftp:, chrome-extension: ...) is null.
 * - Userinfo ("https://user:pw@twitch.tv/x") is null: real stream pages never carry it, and
 *   links that do are a classic way to dress one host up as another.
 * - An explicit non-default port is null for the same reason; ":443" on https is fine because
 *   the parser drops it.
 * - Empty path segments ("/a//b") are null rather than guessed at.
 */
export function splitPageUrl(input: string): PageUrlParts | null {
  const text = stripLikeUrlParser(input);
  let url: URL;
  try {
    url = new URL(withScheme(text));
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "" || url.port !== "") return null;

  const segments = splitPath(url.pathname);
  if (segments === null) return null;
  return { hostname: url.hostname, segments, searchParams: url.searchParams };
}

function withScheme(text: string): string {
  if (SCHEME_PREFIX.test(text)) return text;
  if (text.startsWith("//")) return `https:${text}`;
  return `https://${text}`;
}

function splitPath(pathname: string): string[] | null {
  const trimmed = pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  if (trimmed === "") return [];
  const segments = trimmed.split("/").slice(1);
  return segments.includes("") ? null : segments;
}

/**
 * The WHATWG parser ignores leading and trailing C0 controls and spaces and every tab or
 * newline; doing the same first lets the scheme check see what the parser will see.
 */
function stripLikeUrlParser(input: string): string {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && input.charCodeAt(end - 1) <= 0x20) end -= 1;
  return input.slice(start, end).replace(/[\t\n\r]/g, "");
}
